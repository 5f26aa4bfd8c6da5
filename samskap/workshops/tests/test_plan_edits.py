"""Changes by hand beyond a move (issue 15): swap two people, bring back a cancelled theme; the people moved
are told, and the plan page's summary describes the plan as changed."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from samskap.notifications.models import Notification
from samskap.workshops import actions, planning
from samskap.workshops.models import Group, ThemeRun

from .factories import fill, request_plan


@pytest.fixture
def planned(coordinator, event):
    fill(event, 12)
    return event, request_plan(coordinator.user, event)


def _pair(plan, event):
    session = event.sessions.get(number=1)
    a = plan.assignments.filter(session=session, group__isnull=False).select_related("group").first()
    b = (plan.assignments.filter(session=session, group__isnull=False).exclude(group=a.group)
         .select_related("group").first())
    return a, b


def test_swap_refused_for_non_coordinator(planned, contact_steinkjer):
    event, plan = planned
    a, b = _pair(plan, event)
    with pytest.raises(PermissionDenied):
        actions.swap_assignments(a, b, actor=contact_steinkjer.user)
    a.refresh_from_db()
    assert not a.locked


def test_swap_in_the_web_swaps_locks_notifies_and_recomputes_the_summary(client, coordinator, planned):
    event, plan = planned
    actions.publish_plan(plan, actor=coordinator.user)
    a, b = _pair(plan, event)
    ga, gb = a.group, b.group
    before = planning.score(plan).objective
    client.force_login(coordinator.user)
    url = reverse("workshops:swap", args=[event.slug, plan.pk, a.pk])
    assert "Bytt med" in client.get(url).content.decode()
    response = client.post(url, {"other": b.pk})
    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.group, b.group) == (gb, ga) and a.locked and b.locked
    moved = Notification.objects.filter(kind="workshops.moved")
    assert moved.count() == 2
    after = planning.score(plan)
    page = client.get(reverse("workshops:plan_detail", args=[event.slug, plan.pk])).content.decode()
    if after.objective > (plan.objective or 0) + 0.5:
        assert after.objective != before
        assert "Regnet ut på nytt etter endringene for hånd." in page
    assert "Hvor god planen er" in page


def test_swap_with_someone_in_the_same_group_is_refused(coordinator, planned):
    event, plan = planned
    a, _b = _pair(plan, event)
    same = plan.assignments.filter(group=a.group).exclude(pk=a.pk).first()
    if same is None:
        pytest.skip("group of one")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.swap_assignments(a, same, actor=coordinator.user)


def test_bring_back_a_cancelled_theme_and_move_someone_in(client, coordinator, planned, contact_steinkjer):
    event, plan = planned
    run = ThemeRun.objects.filter(plan=plan).first()
    ThemeRun.objects.filter(pk=run.pk).update(running=False)
    Group.objects.filter(plan=plan, theme=run.theme).delete()
    with pytest.raises(PermissionDenied):
        actions.reinstate_theme(run, actor=contact_steinkjer.user)
    client.force_login(coordinator.user)
    page = client.get(reverse("workshops:plan_detail", args=[event.slug, plan.pk])).content.decode()
    assert "Hent tilbake" in page
    response = client.post(reverse("workshops:reinstate", args=[event.slug, plan.pk, run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    group = Group.objects.get(plan=plan, theme=run.theme)
    assert run.running and group.number == 1 and response["Location"].endswith(f"#group-{group.pk}")
    person = plan.assignments.filter(session=run.theme.session).first()
    actions.move_assignment(person, group, actor=coordinator.user)
    assert group.assignments.count() == 1
    # a running theme cannot be brought back again
    response = client.post(reverse("workshops:reinstate", args=[event.slug, plan.pk, run.pk]))
    assert Group.objects.filter(plan=plan, theme=run.theme).count() == 1
