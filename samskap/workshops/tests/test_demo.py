"""The demo: a finished workshop with a published plan (one theme cancelled, the popular theme split) and an
upcoming one with open registration, linked to the open call. Loading twice changes nothing."""

import io

import pytest

from samskap.directory import demo as directory_demo
from samskap.needs import demo as needs_demo
from samskap.workshops import demo
from samskap.workshops.models import Event, Group, Plan, Registration, Theme, ThemeRun


@pytest.mark.postgres
def test_demo_loads_and_is_idempotent(reference):
    out = io.StringIO()
    directory_demo.load(out)
    needs_demo.load(out)
    demo.load(out)
    past = Event.objects.get(slug=demo.PAST_SLUG)
    upcoming = Event.objects.get(slug=demo.UPCOMING_SLUG)
    assert not past.registration_open and upcoming.registration_open
    assert upcoming.call is not None and upcoming.call.is_open
    assert past.sessions.count() == 2 and 5 <= Theme.objects.filter(session__event=past, session__number=1).count()
    assert 55 <= past.registrations.count() <= 70
    assert past.registrations.filter(person__isnull=False).count() >= 50
    assert past.registrations.filter(person__isnull=True).count() >= 3
    assert past.staff.count() == 2
    plan = Plan.objects.get(event=past, published=True)
    assert plan.status == "done"
    cancelled = ThemeRun.objects.filter(plan=plan, running=False).values_list("theme__title", flat=True)
    assert "Innovative offentlige anskaffelser" in cancelled
    popular = Group.objects.filter(plan=plan, theme__title="Samarbeid om kompetanse og FoU",
                                   theme__session__number=1)
    assert popular.count() >= 3
    assert Group.objects.filter(plan=plan, host__isnull=False).exists()
    assert Theme.objects.filter(session__event=upcoming, needs__isnull=False).exists()
    assert upcoming.registrations.count() >= 5

    counts = (Event.objects.count(), Registration.objects.count(), Plan.objects.count(), Group.objects.count())
    demo.load(out)
    assert counts == (Event.objects.count(), Registration.objects.count(), Plan.objects.count(),
                      Group.objects.count())
