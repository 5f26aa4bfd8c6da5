from django.urls import path

from samskap.funding import views

app_name = "funding"
urlpatterns = [
    path("", views.instrument_list, name="list"),
    path("ny/", views.instrument_create, name="create"),
    path("frister.ics", views.ical_all, name="ical"),
    path("<int:pk>/", views.instrument_detail, name="detail"),
    path("<int:pk>/rediger/", views.instrument_edit, name="edit"),
    path("<int:pk>/slett/", views.instrument_delete, name="delete"),
    path("<int:pk>/frister.ics", views.instrument_ical, name="instrument_ical"),
]
