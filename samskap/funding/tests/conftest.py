"""Fixtures for the funding tests: instruments registered through the actions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from samskap.directory.models import Organisation, OrgType
from samskap.funding import actions
from samskap.funding.tests.factories import days


@pytest.fixture
def funder(db):
    return Organisation.objects.get_or_create(name="Forskningsrådet", defaults={"org_type": OrgType.FUNDING})[0]


@pytest.fixture
def public_instrument(coordinator, funder):
    """Municipalities may apply; research partner and co-funding required; one past and two open deadlines."""
    return actions.create_instrument({
        "name": "Innovasjonsprosjekt i offentlig sektor", "owner": funder,
        "summary": "Støtte til forskningsbasert innovasjon i kommunene.",
        "description": "Kommunen leder, en forskningsorganisasjon er partner.",
        "applicants": ["municipality", "county", "other"], "lead_requirement": "",
        "research_partner_required": True, "cofunding_required": True, "cofunding_share": "egeninnsats",
        "min_amount": 1_000_000, "max_amount": 16_000_000, "url": "https://www.forskningsradet.no/",
        "keywords": "innovasjon, offentlig sektor",
        "deadlines": [{"date": days(-10), "label": "Passert"},
                      {"date": days(60), "time": dt.time(13, 0), "label": "Hovedfrist"},
                      {"date": days(30), "label": "Skisse"}],
    }, actor=coordinator.user)


@pytest.fixture
def research_led_instrument(coordinator, funder):
    return actions.create_instrument({
        "name": "Samarbeidsprosjekt", "owner": funder,
        "summary": "Forskningsorganisasjonen leder, kommunen er partner.",
        "applicants": ["research_institute", "university", "municipality"], "lead_requirement": "research",
        "research_partner_required": True, "deadlines": [days(90)],
    }, actor=coordinator.user)


@pytest.fixture
def rolling_company_instrument(coordinator):
    return actions.create_instrument({
        "name": "Innovasjonskontrakter", "owner_name": "Innovasjon Norge",
        "summary": "Bedriften søker sammen med en kommune som pilotkunde.",
        "applicants": ["company", "municipality"], "lead_requirement": "company", "rolling": True,
        "language": "nb",
    }, actor=coordinator.user)


@pytest.fixture
def actors(coordinator, contact_steinkjer, researcher):
    return {"coordinator": coordinator.user, "contact": contact_steinkjer.user, "researcher": researcher.user,
            "guest": AnonymousUser()}
