from django.urls import path

from samskap.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/lest/", views.read, name="read"),
    path("<int:pk>/svar/", views.answer, name="answer"),
    path("alle-lest/", views.read_all, name="read_all"),
    path("innstillinger/", views.preferences, name="preferences"),
    path("avmelding/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
