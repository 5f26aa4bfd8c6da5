"""The demo: at least eight outcome rows and several actions for the finished demo workshop; idempotent."""

import io

from django.utils import timezone

from samskap.directory.models import Organisation, OrgType
from samskap.followup import demo
from samskap.followup.models import Action, Application, OutcomeRow
from samskap.followup.tests import factories


def test_demo_without_the_workshop_prints_a_note(reference):
    out = io.StringIO()
    demo.load(out)
    assert "does not exist" in out.getvalue()
    assert not OutcomeRow.objects.exists()


def test_demo_is_idempotent(coordinator):
    for name, kind in [("Nord universitet", OrgType.UNIVERSITY), ("KS Trøndelag", OrgType.INTEREST),
                       ("Helse Nord-Trøndelag", OrgType.HOSPITAL), ("NTNU", OrgType.UNIVERSITY)]:
        factories.organisation(name, kind)
    note_taker = factories.person("Nina Notat", Organisation.objects.get(name="Nord universitet"), username="nina")
    w = factories.workshop(slug=demo.SLUG, note_taker=note_taker, theme_title=demo.KOMPETANSE)
    factories.add_group(w, theme_title=demo.AKUTT)
    factories.add_group(w, theme_title=demo.FOLKEHELSE)
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    assert OutcomeRow.objects.count() >= 8
    assert OutcomeRow.objects.values("group").distinct().count() == 3
    actions = Action.objects.all()
    assert actions.count() >= 5
    today = timezone.localdate()
    assert any(a.due_date < today and a.is_open for a in actions)  # overdue
    assert any(today <= a.due_date <= today + timezone.timedelta(days=7) for a in actions)  # due soon
    assert Application.objects.filter(result="granted").count() == 1
    assert OutcomeRow.objects.filter(group=w.group, created_by=note_taker.user).exists()
    # the project with a benefit plan, four measurements and its roadmap (loaded twice: still four)
    project = Action.objects.get(title=demo.BENEFIT_ACTION)
    benefit = project.benefits.get()
    assert benefit.measurements.count() == 4 and project.phases.count() == 5
    assert [float(m.value) for m in benefit.measurements.order_by("measured_on")] == [38, 33, 27, 24]
