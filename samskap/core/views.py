from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from samskap.needs.models import Call, Need, NeedStatus


def home(request: HttpRequest) -> HttpResponse:
    open_calls = Call.objects.filter(closed_at__isnull=True, deadline__gt=timezone.now()).order_by("deadline")
    newest = (Need.objects.exclude(status=NeedStatus.DRAFT).select_related("municipality")
              .order_by("-created_at")[:8])
    return render(request, "core/home.html", {"open_calls": open_calls, "newest_needs": newest})


def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else ""
    return render(request, "core/403.html", {"message": message}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/404.html", status=404)
