"""Pick the UI language for logged-in users who have not chosen one explicitly."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from samskap.core.changes import KeptAnswers

#: The language of people without a choice of their own (their municipality's), kept per process by user id
#: while the content version stays the same: a change of role or of a municipality's language raises it.
_kept_languages: KeptAnswers[str | None] = KeptAnswers(20_000)


def preferred_language(user: Any) -> str | None:
    """A person's own choice, else their municipality's language form (nynorsk -> nn)."""
    person = getattr(user, "person", None)
    if person is not None and person.preferred_language:
        return str(person.preferred_language)
    kept = _kept_languages.current()
    if kept is not None and user.pk in kept:
        return kept[user.pk]
    role = user.roles.filter(kind="foui_contact").select_related("municipality").first()
    language = str(role.municipality.ui_language) if role is not None and role.municipality is not None else None
    if kept is not None:
        kept[user.pk] = language
    return language


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
