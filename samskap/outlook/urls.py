from django.urls import path

from samskap.outlook import views

app_name = "outlook"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/", views.municipality, name="municipality"),
]
