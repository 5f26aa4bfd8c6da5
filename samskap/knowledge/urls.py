from django.urls import path

from samskap.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("", views.case_list, name="cases"),
    path("ny/", views.case_create, name="case_create"),
    path("ny/valg/", views.case_options, name="case_options"),
    path("mine/", views.my_cases, name="my_cases"),
    path("kommuner/", views.municipality_list, name="municipalities"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/rediger/", views.case_edit, name="case_edit"),
    path("<int:pk>/rediger/valg/", views.case_edit_options, name="case_edit_options"),
    path("<int:pk>/send-inn/", views.case_submit, name="case_submit"),
    path("<int:pk>/vurder/", views.case_review, name="case_review"),
    path("<int:pk>/slett/", views.case_delete, name="case_delete"),
    path("barometer/", views.survey_list, name="surveys"),
    path("barometer/sporsmal/", views.item_bank, name="items"),
    path("barometer/ny/", views.survey_create, name="survey_create"),
    path("barometer/<int:pk>/", views.survey_detail, name="survey"),
    path("barometer/<int:pk>/rediger/", views.survey_edit, name="survey_edit"),
    path("barometer/<int:pk>/send/", views.survey_send, name="survey_send"),
    path("barometer/<int:pk>/lukk/", views.survey_close, name="survey_close"),
    path("barometer/<int:pk>/resultater/", views.survey_results, name="survey_results"),
    path("barometer/<int:pk>/resultater.xlsx", views.survey_export, name="survey_export"),
    path("barometer/mottaker/<int:pk>/send-igjen/", views.recipient_resend, name="recipient_resend"),
    path("svar/<str:token>/", views.answer, name="answer"),
]
