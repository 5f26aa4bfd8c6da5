from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from samskap.core.registry import registry


def home(request: HttpRequest) -> HttpResponse:
    # The apps fill the front page through the registry (needs: open calls and the newest needs); signed in,
    # the page starts with the person's own panels ("Mitt Samskap"), contributed through the registry too.
    context = registry.page_context("core:home", request, {})
    if request.user.is_authenticated:
        context["start_panels"] = registry.start_panels(request)
    return render(request, "core/home.html", context)


def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else ""
    return render(request, "core/403.html", {"message": message}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/404.html", status=404)
