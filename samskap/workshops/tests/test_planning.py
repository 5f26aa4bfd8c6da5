"""Planning in the background task (ImmediateBackend in tests): stored groups, cancelled themes, manual moves
that lock, re-planning that keeps the locks and changes the published plan little, and publishing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samskap.workshops import actions, planning
from samskap.workshops.models import (
    Assignment,
    Group,
    Plan,
    PlanStatus,
    RegistrationStatus,
    Theme,
    ThemeRun,
    UnassignedReason,
)

from .factories import fill, request_plan, sign_up


def placements(plan):
    return {(a.registration_id, a.session_id): (a.group.theme_id, a.group.number) if a.group else None
            for a in plan.assignments.select_related("group")}


@pytest.fixture
def planned(coordinator, event):
    regs = fill(event, 12)
    plan = request_plan(coordinator.user, event)
    return event, regs, plan


@pytest.mark.postgres
def test_planning_task_stores_groups(coordinator, planned):
    event, regs, plan = planned
    assert plan.status == PlanStatus.DONE, plan.error
    assert plan.objective is not None and plan.bound is not None and plan.gap is not None
    assert plan.bound <= plan.objective + 1e-9 and plan.finished_at is not None
    assert plan.stats["participants"] == 12 and plan.stats["placements"] + plan.stats["unassigned"] == 24
    assert ThemeRun.objects.filter(plan=plan).count() == Theme.objects.filter(session__event=event).count()
    for registration in regs:
        rows = plan.assignments.filter(registration=registration)
        assert rows.count() == 2  # one per chosen session (placed or with a reason)
        for a in rows:
            if a.group:
                chosen = set(registration.choices.filter(session=a.session).values_list("theme_id", flat=True))
                assert a.group.theme_id in chosen
            else:
                assert a.reason_code
    for group in Group.objects.filter(plan=plan):
        size = group.assignments.count()
        assert 1 <= size <= event.max_group_size
        assert sum(group.mix.values()) == size
        if group.assignments.filter(registration__volunteer_host=True).exists():
            assert group.host is not None or group.host_staff is not None
    # no person in the same theme title twice (the theme runs in both sessions)
    for registration in regs:
        titles = [a.group.theme.title for a in plan.assignments.filter(registration=registration, group__isnull=False)]
        assert len(titles) == len(set(titles))


@pytest.mark.postgres
def test_small_theme_is_cancelled_and_reasons_are_given(coordinator, event):
    fill(event, 9)
    session = event.sessions.get(number=1)
    lonely = actions.create_theme(session, {"title": "Innovative offentlige anskaffelser"}, actor=coordinator.user)
    only = sign_up(event, "Bare Anskaffelser", {1: ["Innovative offentlige anskaffelser"]})
    plan = request_plan(coordinator.user, event)
    assert plan.status == PlanStatus.DONE
    run = ThemeRun.objects.get(plan=plan, theme=lonely)
    assert not run.running and run.registrants == 1
    assert not Group.objects.filter(plan=plan, theme=lonely).exists()
    missing = Assignment.objects.get(plan=plan, registration=only)
    assert missing.group is None and missing.reason_code == UnassignedReason.CANCELLED


@pytest.mark.postgres
def test_plan_page_shows_groups_and_polls_while_running(client, coordinator, event,
                                                        django_capture_on_commit_callbacks):
    fill(event, 8)
    client.force_login(coordinator.user)
    page = client.get(reverse("workshops:plan", args=[event.slug])).content.decode()
    assert ">Planlegg</button>" in page
    with django_capture_on_commit_callbacks(execute=True):  # the planner task runs at commit
        response = client.post(reverse("workshops:plan_start", args=[event.slug]))
    plan = Plan.objects.get(event=event)
    assert response["Location"] == reverse("workshops:plan_detail", args=[event.slug, plan.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Planlegg på nytt" in html and "Person 00" in html and "Bordvert" in html
    assert "hx-trigger" not in html  # done: no polling
    status = client.get(reverse("workshops:plan_status", args=[event.slug, plan.pk]), HTTP_HX_REQUEST="true")
    assert status["HX-Refresh"] == "true"
    # a queued plan polls
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.QUEUED)
    html = client.get(reverse("workshops:plan_detail", args=[event.slug, plan.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert "HX-Refresh" not in client.get(reverse("workshops:plan_status", args=[event.slug, plan.pk]),
                                          HTTP_HX_REQUEST="true")


def test_planning_needs_themes_and_choices(coordinator):
    from .factories import make_event

    event = make_event(coordinator.user, slug="tomt")
    with pytest.raises(ValidationError):
        actions.start_plan(event, actor=coordinator.user)
    fill(event, 3)
    actions.start_plan(event, actor=coordinator.user)
    with pytest.raises(ValidationError):  # one at a time
        actions.start_plan(event, actor=coordinator.user)


@pytest.mark.postgres
def test_manual_move_locks_and_replan_keeps_it_with_little_change(client, coordinator, planned):
    event, regs, first = planned
    actions.publish_plan(first, actor=coordinator.user)
    session = event.sessions.get(number=1)
    # move someone to a group of another theme in session 1
    mover = first.assignments.filter(session=session, group__isnull=False).select_related("group").first()
    target = first.groups.filter(theme__session=session).exclude(theme=mover.group.theme).first()
    client.force_login(coordinator.user)
    form = client.get(reverse("workshops:move", args=[event.slug, first.pk, mover.pk])).content.decode()
    assert "Flytt til gruppe" in form
    response = client.post(reverse("workshops:move", args=[event.slug, first.pk, mover.pk]), {"group": target.pk})
    assert response.status_code == 302 and response["Location"].endswith(f"#group-{target.pk}")
    mover.refresh_from_db()
    assert mover.group == target and mover.locked
    target.refresh_from_db()
    assert sum(target.mix.values()) == target.assignments.count()
    after_move = placements(first)

    second = request_plan(coordinator.user, event)
    assert second.status == PlanStatus.DONE, second.error
    assert second.stats["base_plan"] == first.pk and second.stats["previous_plan"] == first.pk
    kept = second.assignments.get(registration=mover.registration, session=session)
    assert kept.locked and kept.group.theme_id == target.theme_id and kept.group.number == target.number
    new = placements(second)
    changed = [k for k in after_move if after_move[k] != new.get(k)]
    assert len(changed) <= 3, changed
    assert second.stats["locked"] == 1

    # the new plan is not published until the coordinator says so; publishing moves the flag
    assert Plan.objects.get(pk=first.pk).published and not second.published
    actions.publish_plan(second, actor=coordinator.user)
    assert list(Plan.objects.filter(event=event, published=True)) == [second]

    # unlocking lets the planner move the person again
    actions.unlock_assignment(kept, actor=coordinator.user)
    assert not Assignment.objects.get(pk=kept.pk).locked


def test_impossible_locks_fail_the_plan_with_a_message(coordinator, planned):
    event, regs, plan = planned
    session = event.sessions.get(number=1)
    groups = list(plan.groups.filter(theme__session=session).order_by("theme__title"))
    theme_groups = {}
    for g in groups:
        theme_groups.setdefault(g.theme_id, g)
    a, b = list(theme_groups.values())[:2]
    for group, reg in ((a, regs[0]), (b, regs[1])):
        assignment = plan.assignments.get(registration=reg, session=session)
        actions.move_assignment(assignment, group, actor=coordinator.user)
    actions.update_event(event, {"tables_per_session": 1}, actor=coordinator.user)
    failed = request_plan(coordinator.user, event)
    assert failed.status == PlanStatus.FAILED
    assert "tables" in failed.error


@pytest.mark.postgres
def test_participant_sees_the_published_groups_with_the_token_link(client, coordinator, planned):
    event, regs, plan = planned
    me = regs[0]
    url = reverse("workshops:mine", args=[event.slug, me.token])
    html = client.get(url).content.decode()
    assert "Mine grupper" in html and "Gruppene er ikke publisert ennå" in html
    actions.publish_plan(plan, actor=coordinator.user)
    html = client.get(url).content.decode()
    mine = plan.assignments.filter(registration=me, group__isnull=False).select_related("group__theme")
    for a in mine:
        assert a.group.theme.title in html
        for other in a.group.assignments.select_related("registration"):
            assert other.registration.name in html
    # cancelled people no longer see groups; the plan warns the coordinator
    actions.cancel_registration(me, token=me.token, notify=False, actor=None)
    assert "Mine grupper" not in client.get(url).content.decode()
    client.force_login(coordinator.user)
    html = client.get(reverse("workshops:plan_detail", args=[event.slug, plan.pk])).content.decode()
    assert "har meldt seg av siden" in html


def test_build_problem_maps_registrations_staff_and_settings(coordinator, event):
    regs = fill(event, 4)
    actions.add_staff(event, {"name": "Marte Vollan"}, actor=coordinator.user)
    actions.cancel_registration(regs[3], notify=False, actor=coordinator.user)
    problem, ctx = planning.build_problem(event, seconds=1)
    assert [p.name for p in problem.participants] == ["Person 00", "Person 01", "Person 02"]
    assert problem.participants[1].actor_type == "research" and problem.participants[1].volunteer_note_taker
    assert [s.name for s in problem.staff] == ["Marte Vollan"]
    assert problem.settings.max_group_size == 4 and problem.settings.min_theme_size == 3
    assert problem.settings.max_groups_per_session == 6 and problem.settings.time_limit == 1
    s1 = str(event.sessions.get(number=1).pk)
    labels = {t.label for s in problem.sessions for t in s.themes}
    assert "samarbeid om kompetanse og fou" in labels
    assert len(problem.participants[0].choices[s1]) == 2
    assert all(r.status == RegistrationStatus.CONFIRMED for r in ctx.registrations.values())
