from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from samskap.core.pagecache import cached_fragment, public_page
from samskap.core.registry import registry


@public_page
def home(request: HttpRequest) -> HttpResponse:
    # Everyone sees the living picture of the region: the apps' front panels (open calls, newest needs,
    # coming workshops, funding deadlines, shared challenges) and their figures, through the registry.
    # Signed in, the page starts with the person's own panels ("Mitt Samskap"), contributed the same way.
    context = registry.page_context("core:home", request, {})
    # The same for everyone of one audience (a panel may show coordinators a button), so kept rendered for
    # signed-in people too, under the page cache's keys (samskap.core.pagecache.cached_fragment).
    context["front_section"] = cached_fragment(request, "front", registry.front_audience(request),
                                               lambda: _front_section(request))
    if request.user.is_authenticated:
        # The person's own panels change with the data (content version) and the clock (the cache's time
        # limit), so they are kept per person under the same keys.
        context["start_section"] = cached_fragment(request, "start", f"user:{request.user.pk}",
                                                   lambda: _start_section(request))
    return render(request, "core/home.html", context)


def _start_section(request: HttpRequest) -> str:
    return render_to_string("core/_start_section.html", {"start_panels": registry.start_panels(request)},
                            request=request)


def _front_section(request: HttpRequest) -> str:
    front = registry.front_panels(request)
    return render_to_string("core/_front_section.html", {
        "front_panels": [p for p in front if p.get("template")],
        "figures": [f for p in front for f in p.get("figures", [])]}, request=request)


def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else ""
    return render(request, "core/403.html", {"message": message}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/404.html", status=404)
