"""Changes by hand beyond a move (issue 15) in real headless Chromium: the coordinator swaps two people through
the form and sees both in their new groups and the summary recomputed, then brings back a cancelled theme and
sees it running; zero axe (WCAG 2.1 A/AA) violations on these pages."""

import re

import pytest
from django.db import transaction

from samskap.conftest import assert_no_axe_violations, login
from samskap.workshops import actions, planning
from samskap.workshops.models import Assignment, Group, ThemeRun

from .factories import fill, make_event, request_plan

pytestmark = pytest.mark.browser

EXTRA = "Innovative offentlige anskaffelser"  # offered in session 1, chosen by nobody: cancelled


class _Rollback(Exception):
    pass


def _swap_objective(plan, a, b, user) -> float:  # type: ignore[no-untyped-def]
    """The plan's recomputed objective if a and b swapped (tried in a transaction that is rolled back)."""
    try:
        with transaction.atomic():
            actions.swap_assignments(a, b, actor=user)
            objective = planning.score(plan).objective
            raise _Rollback
    except _Rollback:
        pass
    return objective


@pytest.fixture
def planned(coordinator):  # type: ignore[no-untyped-def]
    event = make_event(coordinator.user, slug="endringer")
    actions.add_staff(event, {"name": "Marte Vollan"}, actor=coordinator.user)
    actions.create_theme(event.sessions.get(number=1), {"title": EXTRA}, actor=coordinator.user)
    fill(event, 12)
    plan = request_plan(coordinator.user, event)
    assert plan.status == "done", plan.error
    return event, plan


def test_coordinator_swaps_two_people(page, coordinator, planned):
    event, plan = planned
    session = event.sessions.get(number=1)
    rows = list(plan.assignments.filter(session=session, group__isnull=False)
                .select_related("registration", "group__theme").order_by("registration__name"))
    # two people in different themes whose swap makes the plan worse, so the summary must change
    pair = next(((a, b) for a in rows for b in rows if a.group.theme_id != b.group.theme_id
                 and _swap_objective(plan, a, b, coordinator.user) > (plan.objective or 0) + 0.5), None)
    assert pair is not None
    a, b = pair
    ga, gb = a.group, b.group
    assert not Assignment.objects.filter(pk__in=[a.pk, b.pk], locked=True).exists()  # the trial was undone

    login(page, coordinator.user.username)
    page.goto(f"/verksted/{event.slug}/plan/{plan.pk}/")
    assert page.locator("dt:has-text('Låst manuelt') + dd").inner_text() == "0"
    assert not page.get_by_text("Regnet ut på nytt etter endringene for hånd.").is_visible()
    assert_no_axe_violations(page)

    page.locator(f"#group-{ga.pk}").get_by_role("link", name=f"Bytt {a.registration.name}").click()
    page.wait_for_url(re.compile(rf"/bytt/{a.pk}/$"))
    assert page.get_by_role("heading", name=f"Bytt {a.registration.name}").is_visible()
    assert page.get_by_text(f"{ga.theme.title}, gruppe {ga.number}").first.is_visible()
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 390, "height": 844})  # the form works on a phone
    page.get_by_label("Bytt med").select_option(str(b.pk))
    assert page.get_by_role("button", name="Bytt", exact=True).is_visible()
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Bytt", exact=True).click()
    page.wait_for_url(re.compile(rf"/plan/{plan.pk}/$"))

    assert page.get_by_text(f"{a.registration.name} og {b.registration.name} byttet plass, og begge er låst der."
                            ).is_visible()
    # both in their new groups, locked there, and gone from the old ones
    for person, new, old in ((a, gb, ga), (b, ga, gb)):
        row = page.locator(f"#group-{new.pk} tbody tr", has_text=person.registration.name)
        assert row.count() == 1 and row.get_by_text("låst", exact=True).is_visible()
        assert page.locator(f"#group-{old.pk} tbody tr", has_text=person.registration.name).count() == 0
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.group_id, b.group_id) == (gb.pk, ga.pk) and a.locked and b.locked
    # the summary is the plan as it is now, scored again against the plan's lower bound
    score = planning.score(plan)
    assert score.objective > (plan.objective or 0) + 0.5 and score.gap is not None
    assert page.get_by_text("Regnet ut på nytt etter endringene for hånd.").is_visible()
    shown = f"{100 * score.gap:.1f}".replace(".", ",")
    assert page.get_by_text(f"Høyst {shown} % fra den best mulige planen.").is_visible()
    assert page.locator("dt:has-text('Låst manuelt') + dd").inner_text() == "2"  # the two swapped
    assert_no_axe_violations(page)


def test_coordinator_brings_back_a_cancelled_theme(page, coordinator, planned):
    event, plan = planned
    run = ThemeRun.objects.get(plan=plan, theme__title=EXTRA)
    assert not run.running and not Group.objects.filter(plan=plan, theme=run.theme).exists()

    login(page, coordinator.user.username)
    page.goto(f"/verksted/{event.slug}/plan/{plan.pk}/")
    assert page.get_by_role("heading", name="Avlyste tema").first.is_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name=f"Hent tilbake {EXTRA}").click()
    page.wait_for_url(re.compile(rf"/plan/{plan.pk}/#group-\d+$"))
    assert page.get_by_text(f"{EXTRA} gjennomføres likevel, med en tom gruppe: flytt folk inn i den.").is_visible()
    group = Group.objects.get(plan=plan, theme=run.theme)
    assert page.url.endswith(f"#group-{group.pk}")
    # it runs: its heading among the running themes, one empty group, no "bring back" button any more
    assert page.get_by_role("heading", name=re.compile(rf"^{EXTRA} 0 personer i 1 gruppe")).is_visible()
    assert page.locator(f"#group-{group.pk}").get_by_role("heading", name=re.compile(r"^Gruppe 1")).is_visible()
    assert page.get_by_role("button", name=f"Hent tilbake {EXTRA}").count() == 0
    run.refresh_from_db()
    assert run.running
    assert_no_axe_violations(page)

    # move someone into it by hand: the theme now has a member, locked there
    session = run.theme.session
    mover = (plan.assignments.filter(session=session, group__isnull=False).select_related("registration", "group")
             .order_by("registration__name").first())
    page.locator(f"#group-{mover.group.pk}").get_by_role("link", name=f"Flytt {mover.registration.name}").click()
    page.wait_for_url(re.compile(rf"/flytt/{mover.pk}/$"))
    page.get_by_label("Flytt til gruppe").select_option(str(group.pk))
    page.get_by_role("button", name="Flytt", exact=True).click()
    page.wait_for_url(re.compile(r"/plan/\d+/#group-\d+$"))
    row = page.locator(f"#group-{group.pk} tbody tr", has_text=mover.registration.name)
    assert row.count() == 1 and row.get_by_text("låst", exact=True).is_visible()
    assert page.get_by_role("heading", name=re.compile(rf"^{EXTRA} 1 personer i 1 gruppe")).is_visible()
    assert_no_axe_violations(page)
