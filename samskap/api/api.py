"""The versioned HTTP API (django-ninja) under /api/v1/, with OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from samskap.core.registry import registry

api = NinjaAPI(
    title="Samskap API",
    version="1.0.0",
    description="Municipal needs, brokering, workshops and knowledge for FoUI. Write endpoints need a bearer "
    "token (create one on your profile page) and follow the same permission rules as the web.",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or _("You do not have permission to do this.")},
                               status=403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    """401 for a missing, wrong, expired or revoked bearer token (RFC 6750), with the scheme to use."""
    response = api.create_response(
        request, {"detail": _("Authentication required: send a valid API token as 'Authorization: Bearer <token>'.")},
        status=401)
    error = ', error="invalid_token"' if request.headers.get("Authorization", "").lower().startswith("bearer ") else ""
    response["WWW-Authenticate"] = f'Bearer realm="samskap"{error}'
    return response


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    else:
        errors = {"__all__": [str(m) for m in exc.messages]}
    return api.create_response(request, {"detail": _("The data is not valid."), "errors": errors}, status=422)


# Each domain app registers its router from its AppConfig.ready() (samskap.core.registry); Django runs every
# ready() before it loads the URLconf, which is the first to import this module.
if not apps.ready:
    raise ImproperlyConfigured("samskap.api.api was imported while the apps were loading; the API routers "
                               "are registered in AppConfig.ready() and would be missing.")

for entry in registry.api_routers():
    api.add_router(f"/{entry.prefix}", entry.router, tags=[entry.tag])
