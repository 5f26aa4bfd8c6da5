from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from samskap.api.api import api
from samskap.core.forms import StyledAuthenticationForm

urlpatterns = [
    path("", include("samskap.core.urls")),
    path("", include("samskap.directory.urls")),
    path("behov/", include("samskap.needs.urls")),
    path("finansiering/", include("samskap.funding.urls")),
    path("megling/", include("samskap.matching.urls")),
    path("verksted/", include("samskap.workshops.urls")),
    path("oppfolging/", include("samskap.followup.urls")),
    path("kunnskap/", include("samskap.knowledge.urls")),
    path("utsikter/", include("samskap.outlook.urls")),
    path("varsler/", include("samskap.notifications.urls")),
    path("samarbeid/", include("samskap.opportunities.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("logg-inn/", auth_views.LoginView.as_view(template_name="core/login.html", authentication_form=StyledAuthenticationForm), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]

handler403 = "samskap.core.views.permission_denied"
handler404 = "samskap.core.views.page_not_found"
