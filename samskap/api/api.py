"""The versioned HTTP API (django-ninja) under /api/v1/, with OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from samskap.core.registry import registry

#: The error body every endpoint may answer with: ``detail`` is a sentence, or for a request that does not
#: fit the schema, ninja's list of problems; ``errors`` holds field errors of a rejected write.
ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error", "type": "object", "required": ["detail"],
    "properties": {"detail": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}]},
                   "errors": {"type": "object", "additionalProperties": {"type": "array",
                                                                          "items": {"type": "string"}}}},
}
_ERROR_REF = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_ERROR_DESCRIPTIONS = {
    "400": "The body is not well-formed JSON",
    "401": "Missing, wrong, expired or revoked bearer token",
    "403": "The token's owner may not do this",
    "404": "No such object (in the path or the body), or not visible to you",
    "422": "The request does not fit the schema, or the data is not valid",
}


class SamskapAPI(NinjaAPI):
    """Declares the error answers every operation can give (401/403 where a token is needed, 404 where the
    path names an object, 422 everywhere), so that the schema tells the whole truth (schemathesis checks)."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        for path, operations in schema.get("paths", {}).items():
            for operation in operations.values():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                codes = ["422"] + (["400"] if "requestBody" in operation else [])
                if "{" in path or "requestBody" in operation:
                    codes.append("404")
                if operation.get("security"):
                    codes += ["401", "403"]
                for code in codes:
                    operation["responses"][code] = {"description": _ERROR_DESCRIPTIONS[code], **_ERROR_REF}
        return schema


api = SamskapAPI(
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
