from django.urls import path

from samskap.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("invitasjoner/", views.invitations, name="invitations"),
    path("invitasjoner/<int:pk>/", views.invitation_manage, name="invitation_manage"),
    path("invitasjon/<str:token>/", views.invitation, name="invitation"),
    path("profil/", views.claim, name="claim"),
    path("profil/valg/", views.claim_options, name="claim_options"),
    path("profilkrav/", views.claims, name="claims"),
    path("personer/", views.people, name="people"),
    path("personer/<int:pk>/", views.person, name="person"),
    path("slett/", views.delete_account, name="delete"),
    path("token/", views.api_tokens, name="tokens"),
]
