from django.urls import path

from samskap.workshops import challenge_views, plan_edit_views, views

app_name = "workshops"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("ny/", views.event_create, name="create"),
    path("tema-fra-felles-utfordring/", challenge_views.theme_from_shared_challenge,
         name="theme_from_shared_challenge"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/rediger/", views.event_edit, name="edit"),
    path("<slug:slug>/program.ics", views.programme_ics, name="ical"),
    # programme, sessions, themes, staff (coordinators)
    path("<slug:slug>/program/ny/", views.programme_item_edit, name="programme_create"),
    path("<slug:slug>/program/<int:pk>/", views.programme_item_edit, name="programme_edit"),
    path("<slug:slug>/program/<int:pk>/slett/", views.programme_item_delete, name="programme_delete"),
    path("<slug:slug>/okter/ny/", views.session_edit, name="session_create"),
    path("<slug:slug>/okter/<int:pk>/", views.session_edit, name="session_edit"),
    path("<slug:slug>/okter/<int:pk>/slett/", views.session_delete, name="session_delete"),
    path("<slug:slug>/tema/ny/", views.theme_edit, name="theme_create"),
    path("<slug:slug>/tema/<int:pk>/", views.theme_edit, name="theme_edit"),
    path("<slug:slug>/tema/<int:pk>/slett/", views.theme_delete, name="theme_delete"),
    path("<slug:slug>/tema/fra-behov/", views.theme_from_need, name="theme_from_need"),
    path("<slug:slug>/tema/fra-utfordring/", views.theme_from_challenge, name="theme_from_challenge"),
    path("<slug:slug>/tema/felles-utfordringer/", views.challenges, name="challenges"),
    path("<slug:slug>/stab/ny/", views.staff_edit, name="staff_create"),
    path("<slug:slug>/stab/<int:pk>/", views.staff_edit, name="staff_edit"),
    path("<slug:slug>/stab/<int:pk>/slett/", views.staff_delete, name="staff_delete"),
    # registration (anyone) and the participant's own page (token link)
    path("<slug:slug>/pamelding/", views.register, name="register"),
    path("<slug:slug>/pamelding/apne/", views.registration_open, name="registration_open"),
    path("<slug:slug>/pamelding/steng/", views.registration_close, name="registration_close"),
    path("<slug:slug>/min/<str:token>/", views.event_detail, name="mine"),
    path("<slug:slug>/min/<str:token>/avmeld/", views.cancel, name="cancel"),
    # registrations and import (coordinators)
    path("<slug:slug>/deltakere/", views.registrations, name="registrations"),
    path("<slug:slug>/deltakere/<int:pk>/avmeld/", views.registration_cancel, name="registration_cancel"),
    path("<slug:slug>/import/", views.import_registrations, name="import"),
    path("<slug:slug>/import/<str:token>/", views.import_preview, name="import_preview"),
    # planning (coordinators)
    path("<slug:slug>/plan/", views.plan_latest, name="plan"),
    path("<slug:slug>/plan/start/", views.plan_start, name="plan_start"),
    path("<slug:slug>/plan/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<slug:slug>/plan/<int:pk>/status/", views.plan_status, name="plan_status"),
    path("<slug:slug>/plan/<int:pk>/publiser/", views.plan_publish, name="plan_publish"),
    path("<slug:slug>/plan/<int:pk>/avpubliser/", views.plan_unpublish, name="plan_unpublish"),
    path("<slug:slug>/plan/<int:pk>/flytt/<int:assignment>/", views.move, name="move"),
    path("<slug:slug>/plan/<int:pk>/bytt/<int:assignment>/", plan_edit_views.swap, name="swap"),
    path("<slug:slug>/plan/<int:pk>/gjenoppta/<int:run>/", plan_edit_views.reinstate, name="reinstate"),
    path("<slug:slug>/plan/<int:pk>/las-opp/<int:assignment>/", views.unlock, name="unlock"),
    path("<slug:slug>/plan/<int:pk>/grupper.xlsx", views.plan_xlsx, name="plan_xlsx"),
    path("<slug:slug>/plan/<int:pk>/utskrift/", views.plan_print, name="plan_print"),
    path("<slug:slug>/plan/<int:pk>/dagsoversikt/", views.plan_overview, name="plan_overview"),
    path("<slug:slug>/plan/<int:pk>/navneskilt/", views.plan_badges, name="plan_badges"),
]

# rotating round tables (kunnskapsbord): organisers, table cards, the participant's rounds and ratings
from samskap.workshops import roundtable_views  # noqa: E402

urlpatterns += [
    path("<slug:slug>/bord/", roundtable_views.organise, name="tables"),
    path("<slug:slug>/bord/innstillinger/", roundtable_views.configure, name="tables_configure"),
    path("<slug:slug>/bord/innledere/ny/", roundtable_views.presenter_add, name="tables_presenter_add"),
    path("<slug:slug>/bord/innledere/<int:pk>/fjern/", roundtable_views.presenter_remove,
         name="tables_presenter_remove"),
    path("<slug:slug>/bord/planlegg/", roundtable_views.plan_start, name="tables_plan_start"),
    path("<slug:slug>/bord/plan/<int:pk>/status/", roundtable_views.plan_status, name="tables_plan_status"),
    path("<slug:slug>/bord/plan/<int:pk>/publiser/", roundtable_views.plan_publish, name="tables_plan_publish"),
    path("<slug:slug>/bord/plan/<int:pk>/avpubliser/", roundtable_views.plan_unpublish,
         name="tables_plan_unpublish"),
    path("<slug:slug>/bord/plan/<int:pk>/bordkort/", roundtable_views.plan_print, name="tables_plan_print"),
    path("<slug:slug>/min/<str:token>/bord/", roundtable_views.mine, name="tables_mine"),
]
