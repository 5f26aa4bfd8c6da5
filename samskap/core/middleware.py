"""Pick the UI language for logged-in users who have not chosen one explicitly."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


def preferred_language(user: Any) -> str | None:
    """A person's own choice, else their municipality's language form (nynorsk -> nn)."""
    person = getattr(user, "person", None)
    if person is not None and person.preferred_language:
        return str(person.preferred_language)
    role = user.roles.filter(kind="foui_contact").select_related("municipality").first()
    if role is not None and role.municipality is not None:
        return str(role.municipality.ui_language)
    return None


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        explicit = settings.LANGUAGE_COOKIE_NAME in request.COOKIES
        user = getattr(request, "user", None)
        if not explicit and user is not None and user.is_authenticated:
            language = preferred_language(user)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


class DefaultLanguageMiddleware:
    """Pages speak bokmål unless the visitor chose a language (cookie) or has a preference in Samskap.

    Many Norwegians run English browsers, so the browser's Accept-Language is not used for pages; the
    API (under /api/) still honours it for its messages.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
