"""Views for the page-cache tests only: public pages whose answers must never be stored."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from samskap.core.pagecache import public_page

CALLS: dict[str, int] = {}


def _count(name: str) -> int:
    CALLS[name] = CALLS.get(name, 0) + 1
    return CALLS[name]


@public_page
def plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"plain {_count('plain')}")


@public_page
def sets_cookie(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(f"cookie {_count('cookie')}")
    response.set_cookie("seen", "1")
    return response


@public_page
def writes_session(request: HttpRequest) -> HttpResponse:
    request.session["visited"] = True
    return HttpResponse(f"session {_count('session')}")


@public_page
def private(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(f"private {_count('private')}")
    response["Cache-Control"] = "private"
    return response


urlpatterns = [
    path("plain/", plain),
    path("cookie/", sets_cookie),
    path("session/", writes_session),
    path("private/", private),
]
