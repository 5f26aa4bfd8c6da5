from django.urls import path

from samskap.directory import views

app_name = "directory"
urlpatterns = [
    path("kommuner/", views.municipality_list, name="municipalities"),
    path("kommuner/<str:code>/", views.municipality_detail, name="municipality"),
    path("kommuner/<str:code>/rediger/", views.municipality_edit, name="municipality_edit"),
    path("profil/", views.profile, name="profile"),
]
