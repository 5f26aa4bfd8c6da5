"""The versioned HTTP API (django-ninja) under /api/v1/, with OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

import importlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI

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


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    else:
        errors = {"__all__": [str(m) for m in exc.messages]}
    return api.create_response(request, {"detail": _("The data is not valid."), "errors": errors}, status=422)


# Each domain app may provide `samskap/<app>/api.py` with a `router`; it is mounted under its prefix.
ROUTERS = [
    ("directory", "municipalities"),
    ("needs", "needs"),
    ("funding", "funding"),
    ("matching", "match"),
    ("workshops", "workshops"),
    ("followup", "followup"),
    ("knowledge", "knowledge"),
    ("outlook", "outlook"),
]

for app, prefix in ROUTERS:
    try:
        module = importlib.import_module(f"samskap.{app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"samskap.{app}.api":
            raise
        continue
    api.add_router(f"/{prefix}", module.router, tags=[app])
