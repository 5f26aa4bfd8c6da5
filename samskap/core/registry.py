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
from collections.abc import Callable, Iterable
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
#: ``visible(pks)``: which of these pks the source lists *now* (one cheap query); brokering checks every
#: result with it at query time, whatever state its index is in.
CatalogueVisible = Callable[[list[int]], Iterable[int]]
#: ``reason(meta, applicant, today)``: why an item of this kind suits the searcher (e.g. funding eligibility).
MatchReason = Callable[[dict[str, Any], str, dt.date], str]
#: ``trend(municipality_codes)``: one sentence on what the municipalities share, or None.
SharedTrend = Callable[[list[str]], str | None]
#: ``load(stdout)``: idempotent demo data.
DemoLoad = Callable[[Any], None]
#: ``context(request, context_so_far)``: extra template context for a page.
PageContext = Callable[["HttpRequest", dict[str, Any]], dict[str, Any]]
#: ``render(params)``: the sentence of a notification, in the active language (called at display time).
NotificationRender = Callable[[dict[str, Any]], str]
#: ``panel(request)``: a panel of the personal start page -- ``{"template": ..., **context}`` -- or None.
StartPanel = Callable[["HttpRequest"], "dict[str, Any] | None"]
#: ``erase(user, person_or_None, actor)``: remove or anonymise an app's personal data of a deleted account.
AccountErase = Callable[[Any, Any, Any], None]
#: ``start()``: start one run of a periodic job (enqueue its background task); returns a short description.
PeriodicStart = Callable[[], str]


@dataclass(frozen=True)
class CatalogueSource:
    kind: str
    entries: CatalogueEntries
    order: int
    #: heading of the kind in brokering results ("" = brokering's own heading for the kind)
    label: Any = ""
    #: store a query vector for each item (its page searches with it and never embeds)
    query_vector: bool = False
    #: the live visibility rule (None: brokering asks ``entries(pks)``, which lists only visible objects)
    visible: CatalogueVisible | None = None


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
class NotificationKind:
    key: str
    label: Any  # a lazy translated string
    default_delivery: str  # "immediate", "digest" or "app" (samskap.notifications.models.Delivery)
    render: NotificationRender
    order: int
    #: answers the recipient may give from the notification page: (value, lazy label) pairs
    replies: tuple[tuple[str, Any], ...] = ()
    #: ``on_reply(params, value, actor)``: the emitting app's action run when the recipient answers
    on_reply: Callable[[dict[str, Any], str, Any], None] | None = None


@dataclass(frozen=True)
class StartPanelContribution:
    name: str
    panel: StartPanel
    order: int


@dataclass(frozen=True)
class AccountEraser:
    name: str
    erase: AccountErase
    order: int


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: dt.timedelta
    start: PeriodicStart
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


def _add_panel(store: dict[str, StartPanelContribution], what: str, name: str, panel: StartPanel,
               order: int) -> None:
    if name in store:
        raise ImproperlyConfigured(f"{what} {name!r} is registered twice.")
    store[name] = StartPanelContribution(name, panel, order)


def _panels(store: dict[str, StartPanelContribution], request: HttpRequest) -> list[dict[str, Any]]:
    panels = []
    for contribution in _ordered(list(store.values()), "name"):
        panel = contribution.panel(request)
        if panel:
            panels.append({"name": contribution.name, **panel})
    return panels


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
        self._notification_kinds: dict[str, NotificationKind] = {}
        self._start_panels: dict[str, StartPanelContribution] = {}
        self._front_panels: dict[str, StartPanelContribution] = {}
        self._front_audiences: dict[str, Callable[[HttpRequest], str]] = {}
        self._erasers: dict[str, AccountEraser] = {}
        self._periodic: dict[str, PeriodicJob] = {}

    # -- catalogue sources for brokering (kind -> entries) ---------------------------------------------

    def add_catalogue_source(self, kind: str, entries: CatalogueEntries, *, order: int, label: Any = "",
                             query_vector: bool = False, visible: CatalogueVisible | None = None) -> None:
        """An app's objects of one kind, as catalogue entries for brokering (``matching``). ``label``: the
        heading of the kind's results; ``query_vector``: brokering stores each item's query vector too, so
        that the item's own page can search with it without embedding; ``visible``: the cheap live check
        of which pks are listed now."""
        if kind in self._sources:
            raise ImproperlyConfigured(f"Catalogue source {kind!r} is registered twice.")
        self._sources[kind] = CatalogueSource(kind, entries, order, label, query_vector, visible)

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


    # -- periodic jobs (started by ``samskap periodic``, which a timer runs every few minutes) -------------

    def add_periodic_job(self, name: str, every: dt.timedelta, start: PeriodicStart, *, order: int) -> None:
        """A job to start about once per ``every`` (reminders daily, digests weekly, retries hourly).
        ``start`` should only enqueue a background task; the job itself must be idempotent (never send a
        reminder twice), since a run may be started again after a crash."""
        if name in self._periodic:
            raise ImproperlyConfigured(f"Periodic job {name!r} is registered twice.")
        if every <= dt.timedelta(0):
            raise ImproperlyConfigured(f"Periodic job {name!r}: the interval must be positive.")
        self._periodic[name] = PeriodicJob(name, every, start, order)

    def periodic_jobs(self) -> list[PeriodicJob]:
        result: list[PeriodicJob] = _ordered(list(self._periodic.values()), "name")
        return result

    # -- notification kinds (emitted by the domain apps, delivered by samskap.notifications) --------------

    def add_notification_kind(self, key: str, label: Any, default_delivery: str, render: NotificationRender, *,
                              order: int = 0, replies: tuple[tuple[str, Any], ...] = (),
                              on_reply: Callable[[dict[str, Any], str, Any], None] | None = None) -> None:
        """A kind of notification: its label on the preferences page, the delivery a person gets until they
        choose (``"immediate"`` e-mail, weekly ``"digest"`` or in the ``"app"`` only) and ``render(params)``,
        which writes the sentence from the stored parameters in the reader's (active) language. A kind may
        offer ``replies`` (e.g. "interested" / "not now"); ``on_reply(params, value, actor)`` then runs in
        the reply's transaction (it is the emitting app's action, which may notify someone in turn)."""
        if key in self._notification_kinds:
            raise ImproperlyConfigured(f"Notification kind {key!r} is registered twice.")
        if default_delivery not in ("immediate", "digest", "app"):
            raise ImproperlyConfigured(f"Notification kind {key!r}: unknown delivery {default_delivery!r}.")
        self._notification_kinds[key] = NotificationKind(key, label, default_delivery, render, order, replies,
                                                         on_reply)

    def notification_kinds(self) -> list[NotificationKind]:
        result: list[NotificationKind] = _ordered(list(self._notification_kinds.values()), "key")
        return result

    def notification_kind(self, key: str) -> NotificationKind | None:
        return self._notification_kinds.get(key)

    # -- panels of the personal start page ("Mitt Samskap" on core:home) ---------------------------------

    def add_start_panel(self, name: str, panel: StartPanel, *, order: int) -> None:
        """A panel on a signed-in person's front page; ``panel(request)`` returns the template name and
        its context (``{"template": "needs/panels/mine.html", ...}``) or None when it has nothing to show.
        A panel only reads (the front page is a GET)."""
        _add_panel(self._start_panels, "Start panel", name, panel, order)

    def start_panels(self, request: HttpRequest) -> list[dict[str, Any]]:
        """The panels that have something to show for ``request.user``, in order."""
        return _panels(self._start_panels, request)

    # -- panels of the front page, the living picture of the region (core:home, for everyone) -----------

    def add_front_panel(self, name: str, panel: StartPanel, *, order: int,
                        audience: Callable[[HttpRequest], str] | None = None) -> None:
        """A panel on the front page that everyone sees (guests too): ``panel(request)`` returns
        ``{"template": ..., "figures": [{"value": 12, "label": ..., "url": ...}], ...}`` or None. The
        figures are shown together at the top of the page. Only what anyone may see; a panel only reads.
        The rendered panels are kept for everyone alike (``core.pagecache.cached_fragment``): a panel that
        shows some people more (a coordinator's button) names their group with ``audience(request)``."""
        _add_panel(self._front_panels, "Front panel", name, panel, order)
        if audience is not None:
            self._front_audiences[name] = audience

    def front_panels(self, request: HttpRequest) -> list[dict[str, Any]]:
        """The front panels that have something to show, in order."""
        return _panels(self._front_panels, request)

    def front_audience(self, request: HttpRequest) -> str:
        """Which rendering of the front panels ``request`` gets: the panels' ``audience`` answers, joined."""
        return "|".join(f"{name}={self._front_audiences[name](request)}" for name in sorted(self._front_audiences))


registry = Registry()
