from allauth.account import views as allauth_views
from django.contrib import admin
from django.urls import include, path

from samskap.accounts import views as accounts_views
from samskap.api.api import api

urlpatterns = [
    path("", include("samskap.core.urls")),
    path("", include("samskap.directory.urls")),
    path("behov/", include("samskap.needs.urls")),
    path("finansiering/", include("samskap.funding.urls")),
    path("megling/", include("samskap.matching.urls")),
    path("verksted/", include("samskap.workshops.urls")),
    path("oppfolging/", include("samskap.followup.urls")),
    path("motebors/", include("samskap.partnering.urls")),
    path("kunnskap/", include("samskap.knowledge.urls")),
    path("utsikter/", include("samskap.outlook.urls")),
    path("varsler/", include("samskap.notifications.urls")),
    path("samarbeid/", include("samskap.opportunities.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # Accounts: allauth's login and logout at Samskap's addresses (both URL names work), the account pages.
    path("logg-inn/", accounts_views.login_view, name="login"),
    path("logg-ut/", allauth_views.logout, name="logout"),
    path("konto/", include("samskap.accounts.urls")),
    path("konto/email/", accounts_views.email_view, name="account_email"),
    path("konto/", include("allauth.urls")),
    # After allauth's URLs, so that allauth's own names reverse to Samskap's addresses too.
    path("logg-inn/", accounts_views.login_view, name="account_login"),
    path("logg-ut/", allauth_views.logout, name="account_logout"),
    path("admin/", admin.site.urls),
]

handler403 = "samskap.core.views.permission_denied"
handler404 = "samskap.core.views.page_not_found"
