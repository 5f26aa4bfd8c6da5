from django.urls import path

from samskap.followup import views

app_name = "followup"
urlpatterns = [
    path("", views.index, name="index"),
    path("verksted/<slug:slug>/", views.event_outcomes, name="event"),
    path("verksted/<slug:slug>/oppsummering/", views.event_report, name="event_report"),
    path("gruppe/<int:pk>/", views.group_outcomes, name="group"),
    path("gruppe/<int:pk>/rader/ny/", views.row_create, name="row_create"),
    path("rad/<int:pk>/", views.row_detail, name="row"),
    path("rad/<int:pk>/slett/", views.row_delete, name="row_delete"),
    path("rad/<int:pk>/tiltak/ny/", views.action_create, name="action_create"),
    path("tiltak/", views.action_list, name="actions"),
    path("tiltak/<int:pk>/", views.action_detail, name="action"),
    path("tiltak/<int:pk>/rediger/", views.action_edit, name="action_edit"),
    path("tiltak/<int:pk>/soknader/ny/", views.application_add, name="application_add"),
    path("soknader/<int:pk>/", views.application_edit, name="application_edit"),
    path("tiltak/<int:pk>/gevinster/ny/", views.benefit_add, name="benefit_add"),
    path("gevinster/<int:pk>/maalinger/ny/", views.measurement_add, name="measurement_add"),
    path("tiltak/<int:pk>/maalinger/import/", views.measurements_import, name="measurements_import"),
    path("tiltak/<int:pk>/fase/", views.phase_set, name="phase_set"),
    path("tiltak/<int:pk>/eksempel/", views.case_make, name="case_make"),
    path("aktorer/", views.signals_index, name="signals_index"),
    path("aktorer/<int:pk>/", views.signals, name="signals"),
    path("aktorer/<int:pk>/kontakter/ny/", views.contact_add, name="contact_add"),
    path("kontakter/<int:pk>/slett/", views.contact_remove, name="contact_remove"),
    path("trakt/", views.funnel_view, name="funnel"),
    path("nettverk/", views.network_view, name="network"),
    path("nettverk/nettverk.csv", views.network_csv, name="network_csv"),
    path("nettverk/nettverk.vcf", views.network_vcard, name="network_vcard"),
    path("nettverk/<int:pk>.vcf", views.person_vcard, name="person_vcard"),
    path("mine-data/", views.my_data, name="my_data"),
    path("mine-data/trekk-samtykke/", views.withdraw_consent, name="withdraw_consent"),
    path("mine-data/sletting/", views.deletion_request, name="deletion_request"),
    path("sletting/", views.deletion_queue, name="deletion_queue"),
    path("sletting/<int:pk>/", views.deletion_decide, name="deletion_decide"),
    path("avmelding/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # a guest note-taker (no account) records the group's outcome through the registration's personal link
    path("referent/<str:token>/", views.guest_groups, name="guest"),
    path("referent/<str:token>/gruppe/<int:pk>/", views.guest_group, name="guest_group"),
    path("referent/<str:token>/rad/<int:pk>/", views.guest_row, name="guest_row"),
]
