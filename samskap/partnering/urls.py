from django.urls import path

from samskap.partnering import views

app_name = "partnering"
urlpatterns = [
    path("<slug:slug>/", views.event, name="event"),
    # the participant's own page (personal link of the registration)
    path("<slug:slug>/min/<str:token>/", views.mine, name="mine"),
    path("<slug:slug>/min/<str:token>/profil/", views.save_profile, name="profile"),
    path("<slug:slug>/min/<str:token>/foresporsel/", views.request_meeting, name="request"),
    path("<slug:slug>/min/<str:token>/valg/", views.request_options, name="request_options"),
    path("<slug:slug>/min/<str:token>/foresporsel/<int:pk>/svar/", views.answer, name="answer"),
    path("<slug:slug>/min/<str:token>/foresporsel/<int:pk>/avlys/", views.cancel, name="cancel"),
    path("<slug:slug>/min/<str:token>/tilgjengelighet/", views.availability, name="availability"),
    path("<slug:slug>/min/<str:token>/motebors.ics", views.ical, name="ical"),
    # organisers
    path("<slug:slug>/arrangor/", views.organise, name="organise"),
    path("<slug:slug>/arrangor/tidsluker/", views.add_slots, name="add_slots"),
    path("<slug:slug>/arrangor/tidsluker/<int:pk>/slett/", views.delete_slot, name="delete_slot"),
    path("<slug:slug>/arrangor/bord/", views.set_tables, name="tables"),
    path("<slug:slug>/arrangor/book/", views.book, name="book"),
    path("<slug:slug>/arrangor/valg/", views.book_options, name="book_options"),
    path("<slug:slug>/arrangor/planlegg/", views.run_scheduler, name="run"),
    path("<slug:slug>/arrangor/status/", views.run_status, name="run_status"),
    path("<slug:slug>/arrangor/publiser/", views.publish, name="publish"),
    path("<slug:slug>/arrangor/avpubliser/", views.unpublish, name="unpublish"),
    path("<slug:slug>/arrangor/paminn/", views.remind, name="remind"),
    path("<slug:slug>/arrangor/utskrift/", views.print_plan, name="print"),
]
