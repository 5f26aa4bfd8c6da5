"""Brokering: a need's suggestions include fitting opportunities with a reason; an opportunity's page shows
fitting researchers, research groups and needs in other municipalities; only open ones are catalogue items."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from samskap.core.actors import SYSTEM
from samskap.directory.models import Municipality
from samskap.matching import services
from samskap.matching.models import CatalogItem
from samskap.needs import actions as need_actions
from samskap.opportunities import actions
from samskap.opportunities.models import Opportunity, today
from samskap.opportunities.tests.factories import published


@pytest.fixture
def indexed(contact_namsos, researcher):
    services.reset_cache()
    opportunity = published()
    need = need_actions.submit_need(Municipality.objects.get(code="5007"), {
        "title": "Velferdsteknologi og digitalt tilsyn i hjemmetjenesten",
        "description": "Vi vil forstå hvordan eldre og ansatte i hjemmetjenesten bruker velferdsteknologi.",
        "sector": "health"}, actor=contact_namsos.user)
    own_need = need_actions.submit_need(Municipality.objects.get(code="5006"), {
        "title": "Velferdsteknologi i Steinkjer", "description": "Hjemmetjenesten i Steinkjer og velferdsteknologi.",
        "sector": "health"}, actor=SYSTEM)
    services.sync_all()
    services.embed_pending()
    yield {"opportunity": opportunity, "need": need, "own_need": own_need}
    services.reset_cache()


def test_a_needs_suggestion_panel_shows_a_fitting_opportunity_with_its_reason(client, indexed):
    opportunity, need = indexed["opportunity"], indexed["need"]
    response = client.get(reverse("matching:need_suggestions", args=[need.pk]), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Samarbeidsmuligheter" in page  # the kind's heading (registered label, in bokmål)
    assert reverse("opportunities:detail", args=[opportunity.pk]) in page
    assert "Oppgavetema (master) tilbudt av Steinkjer kommune" in page  # the reason


def test_the_reason_in_english(indexed):
    with translation.override("en"):
        grouped = services.matches_for_need(indexed["need"], kinds=["opportunity"])
        result = grouped["opportunity"][0]
        assert result.item.external_id == f"opportunity:{indexed['opportunity'].pk}"
        assert "Master thesis topic offered by Steinkjer kommune" in result.why
        assert "sketches by" in result.why


def test_the_opportunity_page_shows_needs_of_other_municipalities_only(client, indexed):
    opportunity = indexed["opportunity"]
    page = client.get(reverse("opportunities:detail", args=[opportunity.pk])).content.decode()
    assert reverse("needs:detail", args=[indexed["need"].pk]) in page
    assert reverse("needs:detail", args=[indexed["own_need"].pk]) not in page  # Steinkjer's own need
    assert "Forskere" in page and "Forskningsgrupper" in page


def test_only_open_opportunities_are_catalogue_items(reference, django_capture_on_commit_callbacks):
    opportunity = published()
    services.sync_kind("opportunity")
    assert CatalogItem.objects.filter(external_id=f"opportunity:{opportunity.pk}").exists()
    with django_capture_on_commit_callbacks(execute=True):
        actions.archive_opportunity(opportunity, actor=SYSTEM)  # the receiver re-indexes after commit
    assert not CatalogItem.objects.filter(external_id=f"opportunity:{opportunity.pk}").exists()
    expired = published()
    Opportunity.objects.filter(pk=expired.pk).update(expires_on=today() - dt.timedelta(days=1))
    services.sync_kind("opportunity")
    assert not CatalogItem.objects.filter(external_id=f"opportunity:{expired.pk}").exists()
