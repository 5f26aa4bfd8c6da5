"""One rule for which needs are visible, used by the pages, the API and brokering."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from samskap.directory.models import Municipality
from samskap.needs import actions
from samskap.needs.queries import visible_needs


def test_drafts_are_seen_by_their_municipality_and_coordinators(client, coordinator, contact_steinkjer,
                                                                contact_namsos):
    steinkjer = Municipality.objects.get(code="5006")
    draft = actions.submit_need(steinkjer, {
        "title": "Utkast", "description": "Ikke ferdig.", "sector": "health", "status": "draft"}, actor=contact_steinkjer.user)
    shown = actions.submit_need(steinkjer, {
        "title": "Meldt", "description": "Ferdig.", "sector": "health"}, actor=contact_steinkjer.user)
    assert set(visible_needs(AnonymousUser())) == {shown}
    assert set(visible_needs(contact_namsos.user)) == {shown}
    assert set(visible_needs(contact_steinkjer.user)) == {draft, shown}
    assert set(visible_needs(coordinator.user)) == {draft, shown}
    # the same rule on the web page, in the API and in brokering
    client.force_login(contact_namsos.user)
    assert client.get(f"/behov/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v1/needs/{draft.pk}").status_code == 404
    assert client.get(f"/megling/behov/{draft.pk}/forslag/").status_code == 404
    client.force_login(contact_steinkjer.user)
    assert client.get(f"/behov/{draft.pk}/").status_code == 200
    assert client.get(f"/api/v1/needs/{draft.pk}").status_code == 200
