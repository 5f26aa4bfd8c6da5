"""Checked by pictures (issue 18): the most used pages at a desktop and a phone size, in real headless Chromium.

For every page and size the test saves a full-page screenshot to ``var/screenshots/<page>-<width>.png`` (for a
person to look at) and asserts three things:

1. **No horizontal overflow**: ``document.documentElement.scrollWidth`` is at most the viewport width. Wide
   content (tables) must scroll inside its own wrapper, never the whole page, and every element that scrolls
   sideways must be reachable by keyboard and named: ``tabindex`` 0, ``role=region`` and an ``aria-label`` or
   an ``aria-labelledby`` pointing at text (stricter than axe, which accepts focusable content inside).
2. **Target size (WCAG 2.2, 2.5.8 Minimum)**: every visible interactive control (``a[href]``, ``button``,
   ``input``, ``select``, ``textarea``, ``summary``, and elements with an interactive ``role`` or a
   ``tabindex`` of 0 or more) is at least 24 × 24 CSS px. Only the exceptions of the
   success criterion are honoured, each implemented explicitly:

   - *Inline*: a target whose computed ``display`` is ``inline`` and which shares a line box with words (letters
     or digits) that are not part of any target, i.e. a link inside a sentence, its height set by the
     line-height of the text around it. A link alone in a list item, table cell or button row, or one that is
     a flex item, is not "in a sentence" and is not exempt.
   - *Spacing*: an undersized target passes when a 24 px diameter circle centred on its bounding box intersects
     no other target's box and no other undersized target's circle (centres at least 24 px apart).

   Nothing else is exempt (no blanket categories: not checkboxes, not pagination, not menu items). Elements
   that cannot be hit by a pointer are not targets at all: those not rendered (``display: none``, inside a
   closed ``<details>``, ``visibility: hidden``, zero opacity), those clipped to at most 1 × 1 px by the
   visually-hidden pattern (the skip link until it has focus), and those covered at their centre by another
   element (page links under an open menu panel; hit-tested with ``elementFromPoint`` inside the viewport).

   The header's dropdown menus are opened one at a time and checked the same way (targets and overflow), with
   a viewport screenshot ``<page>-<width>-<menu>.png``; the undersized targets that an exception let pass are
   listed in ``<page>-<width>.txt`` beside the pictures.
3. **axe** finds no WCAG 2.1 A/AA violations (``assert_no_axe_violations``).

Each page's data is built through the personas, the apps' test builders, demo loaders and actions, as the
apps' own browser tests do; pages behind a login are seen by the persona who uses them.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samskap.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"
SIZES = {"1280": {"width": 1280, "height": 900}, "390": {"width": 390, "height": 844}}

# (url, username to log in as or None)
Built = tuple[str, str | None]

TARGETS_JS = """
() => {
  const SELECTOR = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], ' +
    '[role=link], [role=checkbox], [role=radio], [role=switch], [role=tab], [role=menuitem], [role=option], ' +
    '[tabindex]:not([tabindex^="-"])';
  const MIN = 24;
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    else if (el.classList.length) s += '.' + [...el.classList].join('.');
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || el.name || '').trim();
    return s + (text ? ' "' + text.slice(0, 40).replace(/\\s+/g, ' ') + '"' : '');
  };
  const rendered = (el) => {
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 && r.height <= 1) return false;  // the visually-hidden pattern clips to 1 x 1 px
    // Covered at its centre by something else (an open menu panel over the page) it cannot be hit either.
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    if (cx < 0 || cy < 0 || cx >= window.innerWidth || cy >= window.innerHeight) return true;
    const hit = document.elementFromPoint(cx, cy);
    return !hit || el.contains(hit) || hit.contains(el);
  };
  const targets = [...document.querySelectorAll(SELECTOR)].filter(rendered).map((el) => {
    const r = el.getBoundingClientRect();
    return {el, x: r.left + window.scrollX, y: r.top + window.scrollY, w: r.width, h: r.height,
            cx: r.left + window.scrollX + r.width / 2, cy: r.top + window.scrollY + r.height / 2};
  });
  const small = targets.filter((t) => t.w < MIN - 0.01 || t.h < MIN - 0.01);
  // Inline exception: an inline target that shares its line with words that are not part of any target,
  // i.e. a link in a sentence, its height set by the line-height of the text around it.
  const inSentence = (t) => {
    if (getComputedStyle(t.el).display !== 'inline') return false;
    let block = t.el.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    if (!block) return false;
    const box = t.el.getBoundingClientRect();
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement.closest(SELECTOR) || !/[\\p{L}\\p{N}]/u.test(n.textContent)) continue;
      if (!n.parentElement.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        if (r.width > 0 && r.top < box.bottom && r.bottom > box.top) return true;
      }
    }
    return false;
  };
  // Spacing exception: a 24 px circle around the target's centre meets no other target nor undersized circle.
  const distToRect = (cx, cy, t) => {
    const dx = Math.max(t.x - cx, 0, cx - (t.x + t.w));
    const dy = Math.max(t.y - cy, 0, cy - (t.y + t.h));
    return Math.hypot(dx, dy);
  };
  const spaced = (t) => targets.every((o) => {
    if (o === t || o.el.contains(t.el) || t.el.contains(o.el)) return true;
    if (small.includes(o)) return Math.hypot(o.cx - t.cx, o.cy - t.cy) >= MIN;
    return distToRect(t.cx, t.cy, o) >= MIN / 2;
  });
  return small.map((t) => ({
    target: describe(t.el) + ' ' + Math.round(t.w * 10) / 10 + 'x' + Math.round(t.h * 10) / 10,
    exception: inSentence(t) ? 'inline' : spaced(t) ? 'spacing' : null}));
}
"""

OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const scroll = document.documentElement.scrollWidth;
  // Content that scrolls sideways inside the page must be reachable and named: focusable, a named region.
  const regions = [...document.body.querySelectorAll('*')].filter((el) => {
    if (['TEXTAREA', 'INPUT', 'SELECT'].includes(el.tagName) || el.scrollWidth <= el.clientWidth + 1) return false;
    if (!el.checkVisibility()) return false;
    return ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  }).filter((el) => !(el.tabIndex >= 0 && el.getAttribute('role') === 'region' &&
                      (el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') || '').split(' ')
                        .some((id) => (document.getElementById(id)?.textContent || '').trim()))))
    .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.classList.length ? '.' + [...el.classList].join('.') : ''));
  if (scroll <= width) return regions.length ? {scroll, width, wide: [], regions} : null;
  // The outermost elements that reach past the right edge, to say what to fix.
  const wide = [...document.body.querySelectorAll('*')].filter((el) => {
    const r = el.getBoundingClientRect();
    if (r.right <= width + 0.5 || r.width === 0) return false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (p.getBoundingClientRect().right > width + 0.5) return false;
    }
    return true;
  }).slice(0, 8).map((el) => {
    let s = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.classList.length ? '.' + [...el.classList].join('.') : '');
    return s + ' right=' + Math.round(el.getBoundingClientRect().right);
  });
  return {scroll, width, wide, regions};
}
"""


# --- the pages and their data --------------------------------------------------------------------------------

def _home(request: Any) -> Built:
    contact = request.getfixturevalue("contact_steinkjer")
    _needs(request, count=3)
    return "/", contact.user.username


def _needs(request: Any, count: int = 27) -> list[Any]:
    from samskap.directory.models import Municipality
    from samskap.needs import actions

    contact = request.getfixturevalue("contact_steinkjer")
    steinkjer = Municipality.objects.get(code="5006")
    titles = ["Rekruttering og stabilisering av sykepleiere i hjemmetjenesten i distriktskommuner",
              "Skolefravær", "Velferdsteknologi for eldre som bor hjemme"]
    return [actions.submit_need(steinkjer, {
        "title": f"{titles[i % len(titles)]} ({i + 1})", "sector": ["health", "education", "health"][i % 3],
        "description": "Kommunen trenger kunnskap og samarbeidspartnere for å løse dette."},
        actor=contact.user) for i in range(count)]


def _need_list(request: Any) -> Built:
    _needs(request)
    return "/behov/", None


def _need_detail(request: Any) -> Built:
    from samskap.directory.models import Municipality
    from samskap.matching import services
    from samskap.needs import actions

    contact = request.getfixturevalue("contact_steinkjer")
    surnadal = request.getfixturevalue("contact_surnadal")
    mine = actions.submit_need(Municipality.objects.get(code="5006"), {
        "title": "Rekruttering av sykepleiere", "sector": "health",
        "description": "Vi får ikke tak i sykepleiere til hjemmetjenesten."}, actor=contact.user)
    actions.submit_need(Municipality.objects.get(code="1566"), {
        "title": "Rekruttering av sjukepleiarar", "sector": "health", "language": "nn",
        "description": "Vi får ikkje tak i sjukepleiarar til heimetenesta."}, actor=surnadal.user)
    services.reset_cache()
    services.sync_kind("need")
    services.embed_pending()
    return f"/behov/{mine.pk}/", contact.user.username


def _need_form(request: Any) -> Built:
    return "/behov/ny/", request.getfixturevalue("contact_steinkjer").user.username


def _outlook_data() -> None:
    from samskap.outlook import actions
    from samskap.outlook.shipped import fixture_bytes

    actions.import_jsonstat(fixture_bytes("sample_projection_3alt.json"), actor=actions.SYSTEM)
    actions.import_jsonstat(fixture_bytes("07459_2022_kommuner_totals_jsonstat2.json"), actor=actions.SYSTEM)
    actions.import_flat_csv(fixture_bytes("14288_fylker_2024-2050_3alt.csv"),
                            source_name="14288_fylker_2024-2050_3alt.csv", actor=actions.SYSTEM)


def _municipality(request: Any) -> Built:
    _needs(request, count=3)
    _outlook_data()
    return "/kommuner/5006/", None


def _outlook_index(request: Any) -> Built:
    request.getfixturevalue("reference")
    _outlook_data()
    return "/utsikter/", None


def _outlook_page(request: Any) -> Built:
    request.getfixturevalue("reference")
    _outlook_data()
    return "/utsikter/5006/", None


def _funding_list(request: Any) -> Built:
    from samskap.funding import demo

    request.getfixturevalue("reference")
    demo.load(io.StringIO())
    return "/finansiering/", None


def _event(request: Any, slug: str) -> Any:
    from samskap.workshops import actions
    from samskap.workshops.tests.factories import make_event

    coordinator = request.getfixturevalue("coordinator")
    event = make_event(coordinator.user, slug=slug)
    actions.add_staff(event, {"name": "Marte Vollan"}, actor=coordinator.user)
    return event


def _workshop(request: Any) -> Built:
    return f"/verksted/{_event(request, 'apent-verksted').slug}/", None


def _workshop_registration(request: Any) -> Built:
    return f"/verksted/{_event(request, 'apent-verksted').slug}/pamelding/", None


def _workshop_plan(request: Any) -> Built:
    from samskap.workshops.tests.factories import fill, request_plan

    coordinator = request.getfixturevalue("coordinator")
    event = _event(request, "planlagt")
    fill(event, 10)
    plan = request_plan(coordinator.user, event)
    assert plan.status == "done", plan.error
    return f"/verksted/{event.slug}/plan/{plan.pk}/", coordinator.user.username


def _outcome_rows(request: Any) -> Built:
    from samskap.directory.models import OrgType
    from samskap.followup import actions
    from samskap.followup.tests import factories

    researcher = request.getfixturevalue("researcher")
    nord = factories.organisation("Nord universitet", OrgType.UNIVERSITY)
    note_taker = factories.person("Nina Notat", nord, username="nina.notat")
    w = factories.workshop(note_taker=note_taker, participants=(researcher.person,))
    actions.add_row(w.group, {
        "idea": "Delte stillinger mellom kommune og universitet",
        "needs_and_challenges": "Likeverdig samarbeid krever kompetanse i kommunen.",
        "follow_up": "Kartlegge interessen i tre kommuner.", "actors_text": "Kommunene i Innherred",
        "actor_organisations": [nord], "actor_groups": ["education", "all"], "carried_by": nord},
        actor=note_taker.user)
    return f"/oppfolging/gruppe/{w.group.pk}/", "nina.notat"


def _cases(request: Any) -> Built:
    from samskap.knowledge.demo import load_cases

    load_cases(request.getfixturevalue("coordinator").user)
    return "/kunnskap/", None


def _network(request: Any) -> Built:
    from samskap.directory.models import OrgType
    from samskap.followup.tests import factories

    request.getfixturevalue("researcher")
    request.getfixturevalue("contact_steinkjer")
    hunt = factories.organisation("HUNT forskningssenter", OrgType.RESEARCH_INSTITUTE)
    factories.person("Hanne Hunt", hunt, username="hanne.hunt", listed=True)
    return "/oppfolging/nettverk/", "hanne.hunt"


def _profile(request: Any) -> Built:
    return "/profil/", request.getfixturevalue("contact_steinkjer").user.username


PAGES: dict[str, Callable[[Any], Built]] = {
    "home": _home, "needs": _need_list, "need-detail": _need_detail, "need-form": _need_form,
    "municipality": _municipality, "outlook-index": _outlook_index, "outlook-page": _outlook_page,
    "funding": _funding_list, "workshop": _workshop, "workshop-registration": _workshop_registration,
    "workshop-plan": _workshop_plan, "outcome-rows": _outcome_rows, "cases": _cases, "network": _network,
    "profile": _profile,
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", PAGES)
def test_page_fits_has_big_enough_targets_and_no_axe_violations(page: Any, request: Any, name: str,
                                                                 size: str) -> None:
    url, username = PAGES[name](request)
    page.set_viewport_size(SIZES[size])
    if username:
        login(page, username)
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("networkidle")  # htmx panels (suggestions) have come in
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{size}.png"), full_page=True)

    problems, exempted = _check(page, "")
    try:
        assert_no_axe_violations(page)
    except AssertionError as failure:  # reported with the other problems, after the artefacts are written
        problems.append(str(failure))
    # The header's dropdown menus, one open at a time: their items are targets too, and must fit.
    menus = page.locator("details[data-menu]")
    for i in range(menus.count()):
        menu = menus.nth(i)
        if not menu.locator("> summary").is_visible():
            continue
        label = next(c for c in (menu.get_attribute("class") or "").split() if c.endswith("-menu"))
        menu.locator("> summary").click()
        menu.locator(".menu-panel").wait_for()
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{size}-{label}.png"))
        more, more_exempted = _check(page, f" with the {label} open")
        problems += more
        exempted += more_exempted
        page.keyboard.press("Escape")
    # Beside the pictures: the undersized targets that an exception let pass, for a person to judge.
    (SCREENSHOTS / f"{name}-{size}.txt").write_text("".join(f"{line}\n" for line in exempted), encoding="utf-8")
    assert problems == [], f"{url} at {size} px:\n" + "\n".join(problems)


def _check(page: Any, where: str) -> tuple[list[str], list[str]]:
    """Overflow and target-size problems on the page as it is now, and the targets an exception let pass."""
    problems = []
    overflow = page.evaluate(OVERFLOW_JS)
    if overflow and overflow["scroll"] > overflow["width"]:
        problems.append(f"horizontal overflow{where}: scrollWidth {overflow['scroll']} > {overflow['width']}: "
                        + ", ".join(overflow["wide"]))
    if overflow and overflow["regions"]:
        problems.append(f"scrolls sideways but is not a focusable, named region{where}: "
                        + ", ".join(overflow["regions"]))
    small = page.evaluate(TARGETS_JS)
    failing = [t["target"] for t in small if not t["exception"]]
    if failing:
        problems.append(f"targets under 24 x 24 px{where}: " + "; ".join(failing))
    return problems, [f"{t['exception']}{where}: {t['target']}" for t in small if t["exception"]]
