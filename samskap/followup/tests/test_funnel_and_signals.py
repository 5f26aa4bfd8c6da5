"""The funnel per county and period; the signals per actor (seed 004 § 4.2.1)."""

import datetime as dt

from django.utils import formats

from samskap.directory.models import County, Municipality
from samskap.followup import actions
from samskap.followup.funnel import funnel
from samskap.followup.signals import event_signals, organisation_signals, row_queryset
from samskap.needs.actions import submit_need


def counts(stages):
    return {s.key: s.count for s in stages}


def test_funnel_counts_per_county_and_period(world):
    contact = world.personas.steinkjer
    need = submit_need(contact.municipality, {"title": "Delte stillinger", "description": "x",
                                                            "sector": "admin"}, actor=contact.user)
    world.workshop.theme.needs.add(need)
    actions.add_application(world.action, {"instrument_name": "RFF", "result": "granted"}, actor=world.users["coordinator"])
    trondelag = County.objects.get(code="50")
    assert counts(funnel(trondelag)) == {"needs": 1, "themes": 1, "ideas": 1, "actions": 1, "applications": 1,
                                         "granted": 1, "benefit_measured": 0, "benefit_realised": 0}
    other = County.objects.exclude(code="50").first()
    assert counts(funnel(other)) == dict.fromkeys(counts(funnel(trondelag)), 0)
    event_date = world.workshop.event.date
    later = counts(funnel(None, event_date + dt.timedelta(days=1), None))
    assert later["themes"] == 0 and later["ideas"] == 0 and later["actions"] == 0
    stages = funnel(trondelag)
    assert stages[0].share is None and stages[1].percent == "100 %"


def test_a_theme_belongs_to_a_county_through_the_call(world, coordinator):
    from django.utils import timezone

    from samskap.needs.actions import open_call

    call = open_call(title="Innspill", question="?", deadline=timezone.now() + dt.timedelta(days=3),
                     county=County.objects.get(code="50"), actor=coordinator.user)
    world.workshop.event.call = call
    world.workshop.event.save()
    assert counts(funnel(County.objects.get(code="50")))["themes"] == 1


def test_funnel_page_has_an_accessible_chart_and_a_table(client, world):
    client.force_login(world.users["other"])
    html = client.get("/oppfolging/trakt/?county=50").content.decode()
    assert 'role="img"' in html and "<title id=\"funnel-chart-title\">" in html and "<desc" in html
    assert '<th scope="row">Behov</th>' in html and "Innvilget" in html
    response = client.get("/oppfolging/trakt/?start=2026-05-01&end=2026-01-01")
    assert response.status_code == 200 and "ikke være før starten" in response.content.decode()


def test_signals_grouped_like_the_seed(world):
    actions.add_row(world.group, {"idea": "Innovasjonsfaglig dag",
                                                             "follow_up": "Arrangere en fagdag", "actor_groups": ["all"]}, actor=world.users["note_taker"])
    groups = event_signals(row_queryset().filter(group=world.group))
    labels = [g.label for g in groups]
    assert labels[0] == "Alle"
    assert labels.index("Nord universitet") < labels.index("Steinkjer kommune") < labels.index("Kommunene")
    steinkjer = next(g for g in groups if g.label == "Steinkjer kommune")
    assert [i.display() for i in steinkjer.items] == [
        "Kartlegge interessen i tre kommuner. (idéhaver)",
        f"Tiltak: Kartlegge delte stillinger – frist {formats.date_format(world.action.due_date, 'j. F Y')} "
        "(Planlagt)"]


def test_organisation_signal_page(client, world):
    namsos = world.personas.namsos.person.organisation
    actions.add_row(world.group, {"follow_up": "Alle kommunene bør delta",
                                                             "actor_groups": ["municipalities"]}, actor=world.users["note_taker"])
    s = organisation_signals(namsos)
    assert [i.text for g in s.categories for i in g.items] == ["Kartlegge interessen i tre kommuner.",
                                                                "Alle kommunene bør delta"]
    assert s.direct == [] and s.actions == []
    s = organisation_signals(world.steinkjer)
    assert [i.roles for i in s.direct] == [["idéhaver"]] and s.actions == [world.action]
    client.force_login(world.users["owner_member"])
    html = client.get(f"/oppfolging/aktorer/{world.steinkjer.pk}/").content.decode()
    assert "Kartlegge delte stillinger" in html and 'id="contacts"' in html  # members manage contacts
    response = client.post(f"/oppfolging/aktorer/{world.steinkjer.pk}/kontakter/ny/",
                           {"contact-name": "Post", "contact-email": "post@steinkjer.example.no"})
    assert response.status_code == 302 and world.steinkjer.followup_contacts.count() == 1
    client.force_login(world.users["other"])
    html = client.get(f"/oppfolging/aktorer/{world.steinkjer.pk}/").content.decode()
    assert 'id="contacts"' not in html and "post@steinkjer.example.no" not in html
    assert "Steinkjer kommune" in client.get("/oppfolging/aktorer/").content.decode()
    assert Municipality.objects.filter(code="5006").exists()
