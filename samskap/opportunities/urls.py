from django.urls import path

from samskap.opportunities import views

app_name = "opportunities"
urlpatterns = [
    path("", views.opportunity_list, name="list"),
    path("mine/", views.mine, name="mine"),
    path("til-vurdering/", views.vetting, name="vetting"),
    path("ny/", views.opportunity_create, name="create"),
    path("ny/valg/", views.create_options, name="create_options"),
    path("feed.atom", views.feed, name="feed"),
    path("frister.ics", views.ical_deadlines, name="ical"),
    path("eksport.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("eksport.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("<int:pk>/", views.opportunity_detail, name="detail"),
    path("<int:pk>/rediger/", views.opportunity_edit, name="edit"),
    path("<int:pk>/rediger/valg/", views.edit_options, name="edit_options"),
    path("<int:pk>/send-inn/", views.opportunity_submit, name="submit"),
    path("<int:pk>/vurder/", views.opportunity_vet, name="vet"),
    path("<int:pk>/publiser/", views.opportunity_publish, name="publish"),
    path("<int:pk>/forny/", views.opportunity_renew, name="renew"),
    path("<int:pk>/fullfor/", views.opportunity_complete, name="complete"),
    path("<int:pk>/arkiver/", views.opportunity_archive, name="archive"),
    path("<int:pk>/slett/", views.opportunity_delete, name="delete"),
    path("<int:pk>/skisse/", views.sketch_send, name="send_sketch"),
    path("skisse/<int:pk>/", views.sketch_detail, name="sketch"),
    path("skisse/<int:pk>/skisse.pdf", views.sketch_pdf, name="sketch_pdf"),
    path("skisse/<int:pk>/godta/", views.sketch_accept, name="accept"),
    path("skisse/<int:pk>/avslaa/", views.sketch_reject, name="reject"),
    path("skisse/<int:pk>/trekk/", views.sketch_withdraw, name="withdraw"),
    path("skisse/<int:pk>/avtale.docx", views.agreement_document, name="agreement"),
]
