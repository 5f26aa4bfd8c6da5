"""Follow-up fixtures: a workshop with a note-taker, a host and participants; an action owned by Steinkjer."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from samskap.directory.models import Organisation, OrgType
from samskap.followup import actions
from samskap.followup.tests import factories


@pytest.fixture
def world(coordinator, contact_steinkjer, contact_namsos, researcher):
    """Everyone who can and cannot write, and a workshop group with one recorded row."""
    nord = factories.organisation("Nord universitet", OrgType.UNIVERSITY)
    note_taker = factories.person("Nina Notat", nord, username="nina.notat")
    unlisted = factories.person("Ulrik Usynlig", nord, username="ulrik.usynlig", listed=False)
    freelancer = factories.person("Frida Frilans", None, username="frida.frilans")
    w = factories.workshop(note_taker=note_taker, host=contact_namsos.person,
                           participants=(researcher.person, unlisted, contact_steinkjer.person))
    steinkjer = Organisation.objects.get(name="Steinkjer kommune")
    row = actions.add_row(w.group, {
        "idea": "Delte stillinger mellom kommune og universitet",
        "needs_and_challenges": "Likeverdig samarbeid krever kompetanse i kommunen.",
        "follow_up": "Kartlegge interessen i tre kommuner.",
        "actors_text": "Kommunene i Innherred",
        "actor_organisations": [steinkjer, nord],
        "actor_people": [researcher.person, unlisted],
        "idea_owner_organisation": steinkjer,
        "carried_by": nord,
        "actor_groups": ["municipalities", "education"],
    }, actor=note_taker.user)
    action = actions.create_action(row, {
        "title": "Kartlegge delte stillinger", "owner_organisation": steinkjer, "owner_person": freelancer,
        "due_date": timezone.localdate() + dt.timedelta(days=20), "status": "planned"}, actor=coordinator.user)
    return SimpleNamespace(
        workshop=w, group=w.group, row=row, action=action, nord=nord, steinkjer=steinkjer,
        note_taker=note_taker, unlisted=unlisted, freelancer=freelancer,
        users={
            "coordinator": coordinator.user,
            "note_taker": note_taker.user,
            "host": contact_namsos.user,
            "owner_member": contact_steinkjer.user,
            "owner_person": freelancer.user,
            "other": researcher.user,
            "anonymous": AnonymousUser(),
        },
        personas=SimpleNamespace(coordinator=coordinator, steinkjer=contact_steinkjer, namsos=contact_namsos,
                                 researcher=researcher),
    )
