"""The registry: what each app contributes to the apps below it, filled from ``AppConfig.ready()``.

Apps depend on each other in one direction only (see docs/architecture.md). When a lower app needs
something from a higher one -- brokering needs every app's catalogue, the API mounts every app's router,
``load_demo`` runs every app's demo -- the higher app registers it here in its ``ready()`` and the lower
app reads it from here. So ``matching``, ``api`` and ``core`` know no other app by name.

As in NetBox (``netbox.registry``) there is one ``registry`` object with named stores; unlike NetBox each
store has a typed ``add_...`` method and a reader that returns the entries in a fixed order (``order``,
then name), so the result does not depend on the order of INSTALLED_APPS. Adding the same key twice is
an error.

Django runs every ``ready()`` before it loads the URLconf, so views, the API and management commands
see a full registry. Code that runs while apps are loading (models, ``apps.py`` module level) must not
read it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from argparse import ArgumentParser

    from django.core.management.base import BaseCommand
    from django.http import HttpRequest
    from ninja import Router

#: ``entries(pks)`` of a catalogue source; the dict format is described in samskap/matching/sources.py.
CatalogueEntries = Callable[[list[int] | None], list[dict[str, Any]]]
#: ``reason(meta, applicant, today)``: why an item of this kind suits the searcher (e.g. funding eligibility).
MatchReason = Callable[[dict[str, Any], str, dt.date], str]
#: ``trend(municipality_codes)``: one sentence on what the municipalities share, or None.
SharedTrend = Callable[[list[str]], str | None]
#: ``load(stdout)``: idempotent demo data.
DemoLoad = Callable[[Any], None]
#: ``context(request, context_so_far)``: extra template context for a page.
PageContext = Callable[["HttpRequest", dict[str, Any]], dict[str, Any]]
#: ``erase(user, person_or_None, actor)``: remove or anonymise an app's personal data of a deleted account.
AccountErase = Callable[[Any, Any, Any], None]


@dataclass(frozen=True)
class CatalogueSource:
    kind: str
    entries: CatalogueEntries
    order: int


@dataclass(frozen=True)
class ApiRouter:
    prefix: str
    router: Router
    tag: str
    order: int


@dataclass(frozen=True)
class DemoLoader:
    name: str
    load: DemoLoad
    order: int


@dataclass(frozen=True)
class PageContribution:
    page: str
    name: str
    context: PageContext
    order: int


@dataclass(frozen=True)
class AccountEraser:
    name: str
    erase: AccountErase
    order: int


@dataclass(frozen=True)
class Subcommand:
    command: str
    name: str
    help: str
    add_arguments: Callable[[ArgumentParser], None]
    handle: Callable[[BaseCommand, dict[str, Any]], None]
    order: int


def _ordered(items: list[Any], key: str) -> list[Any]:
    return sorted(items, key=lambda item: (item.order, getattr(item, key)))


class Registry:
    """Named stores. Write with the ``add_...`` methods, read with the methods named after the store."""

    def __init__(self) -> None:
        self._sources: dict[str, CatalogueSource] = {}
        self._routers: list[ApiRouter] = []
        self._reasons: dict[str, MatchReason] = {}
        self._trends: dict[str, SharedTrend] = {}
        self._demo: dict[str, DemoLoader] = {}
        self._pages: list[PageContribution] = []
        self._subcommands: list[Subcommand] = []
        self._erasers: dict[str, AccountEraser] = {}

    # -- catalogue sources for brokering (kind -> entries) ---------------------------------------------

    def add_catalogue_source(self, kind: str, entries: CatalogueEntries, *, order: int) -> None:
        """An app's objects of one kind, as catalogue entries for brokering (``matching``)."""
        if kind in self._sources:
            raise ImproperlyConfigured(f"Catalogue source {kind!r} is registered twice.")
        self._sources[kind] = CatalogueSource(kind, entries, order)

    def catalogue_sources(self) -> list[CatalogueSource]:
        result: list[CatalogueSource] = _ordered(list(self._sources.values()), "kind")
        return result

    def catalogue_source(self, kind: str) -> CatalogueSource | None:
        return self._sources.get(kind)

    # -- API routers (mounted by samskap.api.api under /api/v1/<prefix>) -------------------------------

    def add_api_router(self, prefix: str, router: Router, *, tag: str, order: int) -> None:
        """A django-ninja router, mounted under ``/api/v1/<prefix>`` with the OpenAPI tag ``tag``.
        Several routers may share a prefix (an app can add endpoints under another app's path)."""
        if any(r.router is router for r in self._routers):
            raise ImproperlyConfigured(f"The API router for /{prefix} is registered twice.")
        self._routers.append(ApiRouter(prefix, router, tag, order))

    def api_routers(self) -> list[ApiRouter]:
        result: list[ApiRouter] = _ordered(self._routers, "prefix")
        return result

    # -- kind-specific match reasons -------------------------------------------------------------------

    def add_match_reason(self, kind: str, reason: MatchReason) -> None:
        """Why a catalogue item of ``kind`` suits the searcher, shown with each brokering result."""
        if kind in self._reasons:
            raise ImproperlyConfigured(f"A match reason for {kind!r} is registered twice.")
        self._reasons[kind] = reason

    def match_reason(self, kind: str) -> MatchReason | None:
        return self._reasons.get(kind)

    # -- trends for shared challenges ------------------------------------------------------------------

    def add_shared_trend(self, name: str, trend: SharedTrend) -> None:
        """A sentence on what the municipalities of a shared challenge have in common (e.g. ageing)."""
        if name in self._trends:
            raise ImproperlyConfigured(f"Shared trend {name!r} is registered twice.")
        self._trends[name] = trend

    def shared_trends(self) -> list[SharedTrend]:
        return [self._trends[name] for name in sorted(self._trends)]

    # -- demo loaders (run by `samskap load_demo`) -----------------------------------------------------

    def add_demo_loader(self, name: str, load: DemoLoad, *, order: int) -> None:
        """``load(stdout)``, run by ``samskap load_demo`` in ``order`` (lowest first)."""
        if name in self._demo:
            raise ImproperlyConfigured(f"Demo loader {name!r} is registered twice.")
        self._demo[name] = DemoLoader(name, load, order)

    def demo_loaders(self) -> list[DemoLoader]:
        result: list[DemoLoader] = _ordered(list(self._demo.values()), "name")
        return result

    # -- page contributions (extra template context for a page of a lower app) --------------------------

    def add_page_context(self, page: str, name: str, context: PageContext, *, order: int = 0) -> None:
        """Extra template context for ``page`` (the URL name of the view, e.g. ``"core:home"``)."""
        if any(p.page == page and p.name == name for p in self._pages):
            raise ImproperlyConfigured(f"Page context {name!r} for {page!r} is registered twice.")
        self._pages.append(PageContribution(page, name, context, order))

    def page_context(self, page: str, request: HttpRequest, context: dict[str, Any]) -> dict[str, Any]:
        """``context`` with every registered contribution for ``page`` added (the originals win)."""
        extra: dict[str, Any] = {}
        for contribution in _ordered([p for p in self._pages if p.page == page], "name"):
            extra.update(contribution.context(request, context))
        return {**extra, **context}

    # -- subcommands of a management command owned by a lower app --------------------------------------

    def add_subcommand(self, command: str, name: str, help: str, add_arguments: Callable[[ArgumentParser], None],
                       handle: Callable[[BaseCommand, dict[str, Any]], None], *, order: int) -> None:
        """A subcommand ``samskap <command> <name>``, e.g. followup's ``workshop report``."""
        if any(s.command == command and s.name == name for s in self._subcommands):
            raise ImproperlyConfigured(f"Subcommand {command} {name} is registered twice.")
        self._subcommands.append(Subcommand(command, name, help, add_arguments, handle, order))

    def subcommands(self, command: str) -> list[Subcommand]:
        result: list[Subcommand] = _ordered([s for s in self._subcommands if s.command == command], "name")
        return result

    # -- account erasers (run when a person deletes their own account) ---------------------------------

    def add_account_eraser(self, name: str, erase: AccountErase, *, order: int) -> None:
        """``erase(user, person, actor)``: an app's part of deleting an account (the GDPR deletion)."""
        if name in self._erasers:
            raise ImproperlyConfigured(f"Account eraser {name!r} is registered twice.")
        self._erasers[name] = AccountEraser(name, erase, order)

    def account_erasers(self) -> list[AccountEraser]:
        result: list[AccountEraser] = _ordered(list(self._erasers.values()), "name")
        return result


registry = Registry()
