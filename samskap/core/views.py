from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from samskap.core.pagecache import public_page
from samskap.core.registry import registry


@public_page
def home(request: HttpRequest) -> HttpResponse:
    # Everyone sees the living picture of the region: the apps' front panels (open calls, newest needs,
    # coming workshops, funding deadlines, shared challenges) and their figures, through the registry.
    # Signed in, the page starts with the person's own panels ("Mitt Samskap"), contributed the same way.
    context = registry.page_context("core:home", request, {})
    front = registry.front_panels(request)
    context["front_panels"] = [p for p in front if p.get("template")]
    context["figures"] = [f for p in front for f in p.get("figures", [])]
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
