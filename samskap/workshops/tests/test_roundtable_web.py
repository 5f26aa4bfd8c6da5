"""Round tables on the web: settings, presenters, ratings (own registration only), the planner task end to end,
bad settings with a clear message, publishing with notifications, and the pages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from samskap.core.actors import SYSTEM
from samskap.notifications.models import Notification
from samskap.workshops import roundtable_actions as rt
from samskap.workshops import roundtable_planning, roundtable_queries
from samskap.workshops.roundtable_models import Rating, TablePlan
from samskap.workshops.roundtables import read_ratings, violations
from samskap.workshops.roundtables.cli import plan_to_json  # noqa: F401  (the same output contract)

from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db

SETTINGS = {"enabled": True, "rounds": 3, "tables": 2, "seats": 4, "max_presentations": 2, "min_visits": 1,
            "max_visits": 3, "time_limit": 5}


def _setup(user, *, people: int = 8, presenters: int = 3, slug: str = "kunnskapsbord", **settings):  # type: ignore[no-untyped-def]
    event = make_event(user, slug=slug)
    regs = [sign_up(event, f"Deltaker {i:02d}", {}) for i in range(people)]
    rt.configure_round_tables(event, {**SETTINGS, **settings}, actor=user)
    shows = [rt.add_presenter(event, regs[i], {"title": f"Innlegg {i}", "abstract": "Om forskning."}, actor=user)
             for i in range(presenters)]
    return event, regs, shows


def _plan(user, event):  # type: ignore[no-untyped-def]
    with TestCase.captureOnCommitCallbacks(execute=True):
        plan = rt.start_table_plan(event, actor=user)
    plan.refresh_from_db()
    return plan


def test_participant_rates_only_with_own_registration(coordinator):
    event, regs, shows = _setup(coordinator.user)
    guest = AnonymousUser()
    assert rt.rate(regs[5], {shows[0].pk: 5, shows[1].pk: 2}, token=regs[5].token, actor=guest) == 2
    # another participant's token does not open this registration
    with pytest.raises(PermissionDenied):
        rt.rate(regs[5], {shows[0].pk: 1}, token=regs[6].token, actor=guest)
    with pytest.raises(PermissionDenied):
        rt.rate(regs[5], {shows[0].pk: 1}, actor=guest)
    assert Rating.objects.get(registration=regs[5], presenter=shows[0]).value == 5
    # "no rating" removes a rating; a value outside 1-5 names the presentation and writes nothing
    assert rt.rate(regs[5], {shows[1].pk: None}, token=regs[5].token, actor=guest) == 1
    with pytest.raises(ValidationError) as exc:
        rt.rate(regs[5], {shows[0].pk: 3, shows[2].pk: 7}, token=regs[5].token, actor=guest)
    assert "Innlegg 2" in str(exc.value)
    assert Rating.objects.get(registration=regs[5], presenter=shows[0]).value == 5
    # nobody rates their own presentation
    with pytest.raises(ValidationError):
        rt.rate(regs[0], {shows[0].pk: 5}, token=regs[0].token, actor=guest)


def test_rating_with_own_account(coordinator, researcher):
    event, regs, shows = _setup(coordinator.user)
    own = sign_up(event, "Forsker Selv", {}, actor=researcher.user)
    own.email = researcher.user.email
    own.person = researcher.person
    own.save()
    assert rt.rate(own, {shows[0].pk: 4}, actor=researcher.user) == 1
    with pytest.raises(PermissionDenied):
        rt.rate(regs[4], {shows[0].pk: 4}, actor=researcher.user)


def test_only_organisers_set_up_and_plan(coordinator, contact_steinkjer):
    event, regs, shows = _setup(coordinator.user)
    other = contact_steinkjer.user
    with pytest.raises(PermissionDenied):
        rt.configure_round_tables(event, SETTINGS, actor=other)
    with pytest.raises(PermissionDenied):
        rt.add_presenter(event, regs[4], {"title": "X"}, actor=other)
    with pytest.raises(PermissionDenied):
        rt.remove_presenter(shows[0], actor=other)
    with pytest.raises(PermissionDenied):
        rt.start_table_plan(event, actor=other)
    assert not TablePlan.objects.exists()
    plan = _plan(coordinator.user, event)
    with pytest.raises(PermissionDenied):
        rt.publish_table_plan(plan, actor=other)


def test_settings_errors_name_the_field(coordinator):
    event = make_event(coordinator.user, slug="innstillinger")
    with pytest.raises(ValidationError) as exc:
        rt.configure_round_tables(event, {**SETTINGS, "min_visits": 3, "max_visits": 2}, actor=coordinator.user)
    assert "max_visits" in exc.value.error_dict
    assert "under minimum" in " ".join(exc.value.messages) or "lavere" in " ".join(exc.value.messages) \
        or "below" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError) as exc:
        rt.configure_round_tables(event, {**SETTINGS, "seats": 1}, actor=coordinator.user)
    assert "seats" in exc.value.error_dict


def test_the_planner_task_end_to_end(coordinator):
    event, regs, shows = _setup(coordinator.user)
    for i, reg in enumerate(regs):
        rt.rate(reg, {s.pk: 1 + (i + j) % 5 for j, s in enumerate(shows) if s.registration_id != reg.pk},
                token=reg.token, actor=AnonymousUser())
    # the input is the CLI's: every confirmed participant, every presenter, every rating
    problem, _w = read_ratings(roundtable_planning.ratings_csv(event),
                               roundtable_planning.tables_settings(event.roundtables))
    assert set(problem.people) == {str(r.pk) for r in regs}
    assert set(problem.presenters) == {str(s.registration_id) for s in shows}
    assert len(problem.ratings) == Rating.objects.count()

    plan = _plan(coordinator.user, event)
    assert plan.status == "done", plan.errors
    assert len(plan.rounds) == 3 and all(len(r["tables"]) <= 2 for r in plan.rounds)
    assert plan.score is not None and plan.bound is not None and plan.score <= plan.bound
    assert plan.score > 0
    # the stored plan keeps every rule of the pure planner
    from samskap.workshops.roundtables import RoundPlan, TableSlot
    rounds = [RoundPlan(r["round"], [TableSlot(t["table"], str(t["presenter"]), [str(i) for i in t["listeners"]])
                                     for t in r["tables"]]) for r in plan.rounds]
    assert violations(problem, rounds) == []
    # everyone sits at a table at least once
    for reg in regs:
        mine = roundtable_queries.my_rounds(plan, reg)
        assert any(r.table for r in mine)

    # publishing tells every participant their rounds
    rt.publish_table_plan(plan, actor=coordinator.user)
    sent = Notification.objects.filter(kind="workshops.tables_published")
    assert sent.count() == len(regs)
    rt.publish_table_plan(plan, actor=coordinator.user)  # once per plan
    assert sent.count() == len(regs)


def test_too_few_seats_fail_with_a_clear_translated_message(coordinator, client):
    event, regs, shows = _setup(coordinator.user, people=12, rounds=1, tables=2, seats=3, min_visits=1)
    plan = _plan(coordinator.user, event)
    assert plan.status == "failed"
    assert plan.errors and plan.errors[0].startswith("Too few seats")
    client.force_login(coordinator.user)
    html = client.get(f"/verksted/{event.slug}/bord/").content.decode()
    assert "For få plasser" in html
    assert "12 deltakere" in html


def test_start_needs_settings_and_presenters(coordinator):
    event = make_event(coordinator.user, slug="tomt")
    with pytest.raises(ValidationError):
        rt.start_table_plan(event, actor=coordinator.user)
    rt.configure_round_tables(event, SETTINGS, actor=coordinator.user)
    with pytest.raises(ValidationError) as exc:
        rt.start_table_plan(event, actor=coordinator.user)
    assert "innledere" in " ".join(exc.value.messages).lower()


def test_registration_form_collects_ratings(coordinator, client):
    event, regs, shows = _setup(coordinator.user)
    html = client.get(f"/verksted/{event.slug}/pamelding/").content.decode()
    assert "<legend class=\"ds-label\">Innlegg 0</legend>" in html
    data = {"name": "Nina Ny", "email": "nina.ny@example.no", "organisation_name": "Verdal kommune",
            "actor_type": "municipality", "accepted_terms": "on", f"rating_{shows[0].pk}": "5",
            f"rating_{shows[1].pk}": "", f"rating_{shows[2].pk}": "2"}
    response = client.post(f"/verksted/{event.slug}/pamelding/", data)
    assert response.status_code == 302
    nina = event.registrations.get(email="nina.ny@example.no")
    assert roundtable_queries.ratings_by_presenter(nina) == {shows[0].pk: 5, shows[2].pk: 2}
    # a bad value: the form says so and nothing is registered
    data.update(email="ola.ny@example.no", **{f"rating_{shows[0].pk}": "9"})
    response = client.post(f"/verksted/{event.slug}/pamelding/", data)
    assert response.status_code == 200
    assert not event.registrations.filter(email="ola.ny@example.no").exists()


def test_participant_page_changes_ratings_and_shows_rounds(coordinator, client):
    event, regs, shows = _setup(coordinator.user)
    me = regs[6]
    url = f"/verksted/{event.slug}/min/{me.token}/bord/"
    html = client.get(url).content.decode()
    assert "ikke publisert" in html
    response = client.post(url, {f"rating_{shows[0].pk}": "4", f"rating_{shows[1].pk}": "5"})
    assert response.status_code == 302
    assert roundtable_queries.ratings_by_presenter(me) == {shows[0].pk: 4, shows[1].pk: 5}
    plan = _plan(coordinator.user, event)
    rt.publish_table_plan(plan, actor=coordinator.user)
    html = client.get(url).content.decode()
    assert "Runde 1:" in html and ("du lytter til" in html or "ledig runde" in html)
    # a wrong token is not found
    assert client.get(f"/verksted/{event.slug}/min/feil-token/bord/").status_code == 404


def test_organiser_pages(coordinator, contact_steinkjer, client):
    event, regs, shows = _setup(coordinator.user)
    client.force_login(contact_steinkjer.user)
    assert client.get(f"/verksted/{event.slug}/bord/").status_code == 403
    client.force_login(coordinator.user)
    assert client.get(f"/verksted/{event.slug}/bord/").status_code == 200
    response = client.post(f"/verksted/{event.slug}/bord/planlegg/")
    assert response.status_code == 302
    plan = TablePlan.objects.get(event=event)
    plan_id = plan.pk
    # ImmediateBackend outside a test transaction is not reached here: run the task body directly
    assert roundtable_planning.run(plan_id) == "done"
    html = client.get(f"/verksted/{event.slug}/bord/").content.decode()
    assert "Per runde" in html and "Per bord" in html
    assert "av 8 deltakere hører minst ett innlegg de ga 4 eller 5" in html
    status = client.get(f"/verksted/{event.slug}/bord/plan/{plan_id}/status/", HTTP_HX_REQUEST="true")
    assert status["HX-Refresh"] == "true"
    cards = client.get(f"/verksted/{event.slug}/bord/plan/{plan_id}/bordkort/").content.decode()
    plan.refresh_from_db()
    seated = sum(len(r["tables"]) for r in plan.rounds)
    assert 1 <= seated <= 3 * 2
    assert cards.count('class="ds-card table-card"') == seated
    # bad settings from the form: a field error, nothing saved
    response = client.post(f"/verksted/{event.slug}/bord/innstillinger/", {**SETTINGS, "seats": 1})
    assert response.status_code == 400
    event.roundtables.refresh_from_db()
    assert event.roundtables.seats == 4


def test_system_actor_may_do_everything(coordinator):
    event, regs, shows = _setup(coordinator.user)
    rt.rate(regs[3], {shows[0].pk: 3}, actor=SYSTEM)
    assert Rating.objects.filter(registration=regs[3]).count() == 1


def test_demo_round_tables_load_twice_and_plan(reference, coordinator):
    import io

    from samskap.directory import demo as directory_demo
    from samskap.needs import demo as needs_demo
    from samskap.workshops import demo
    from samskap.workshops.models import Event

    out = io.StringIO()
    for _ in range(2):
        directory_demo.load(out)
        needs_demo.load(out)
        demo.load(out)
    event = Event.objects.get(slug=demo.UPCOMING_SLUG)
    assert event.roundtables.enabled and event.presenters.count() == 3
    ratings = Rating.objects.filter(presenter__event=event).count()
    assert ratings > 10
    plan = _plan(coordinator.user, event)
    assert plan.status == "done", plan.errors
    assert plan.score and plan.score <= plan.bound


def test_status_box_polls_while_the_plan_waits(coordinator, client):
    event, regs, shows = _setup(coordinator.user)
    plan = rt.start_table_plan(event, actor=coordinator.user)  # the task is not run: the plan stays queued
    client.force_login(coordinator.user)
    status_url = f"/verksted/{event.slug}/bord/plan/{plan.pk}/status/"
    html = client.get(f"/verksted/{event.slug}/bord/").content.decode()
    assert f'hx-get="{status_url}"' in html
    response = client.get(status_url, HTTP_HX_REQUEST="true")
    assert "HX-Refresh" not in response and "venter på planleggeren" in response.content.decode()
    with pytest.raises(ValidationError):  # one plan at a time
        rt.start_table_plan(event, actor=coordinator.user)
    assert roundtable_planning.run(plan.pk) == "done"
    assert roundtable_planning.run(plan.pk) == "skipped"  # a plan is planned once
    response = client.get(status_url, HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    assert f'hx-get="{status_url}"' not in response.content.decode()


def test_round_tables_in_the_admin(coordinator, client):
    from samskap.directory.actions import grant_role
    from samskap.directory.testing import PASSWORD

    event, regs, shows = _setup(coordinator.user)
    rt.rate(regs[4], {shows[0].pk: 5}, actor=SYSTEM)
    _plan(coordinator.user, event)
    grant_role(coordinator.user, "coordinator", actor=SYSTEM)
    client.login(username=coordinator.user.username, password=PASSWORD)
    for model in ("roundtablesettings", "presenter", "rating", "tableplan"):
        assert client.get(f"/admin/workshops/{model}/").status_code == 200, model


@pytest.mark.postgres
def test_the_worker_plans_after_the_request(transactional_db, coordinator, client, settings):
    """With the database task backend the request only queues the plan; ``db_worker`` makes it."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    event, regs, shows = _setup(coordinator.user, slug="med-arbeider")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(coordinator.user)
    assert client.post(f"/verksted/{event.slug}/bord/planlegg/").status_code == 302
    plan = TablePlan.objects.get(event=event)
    assert plan.status == "queued"
    assert DBTaskResult.objects.get().task_path == "samskap.workshops.roundtable_tasks.plan_round_tables"
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    plan.refresh_from_db()
    assert plan.status == "done", plan.errors
