"""The Django admin is a write path too: brokering sees a need edited there (no stale index)."""

from __future__ import annotations

from django.forms.models import model_to_dict

from samskap.directory.models import Municipality
from samskap.matching import services
from samskap.needs import actions
from samskap.needs.models import Need


def test_need_edited_in_the_admin_is_reindexed(admin_client, contact_steinkjer,
                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        need = actions.submit_need(Municipality.objects.get(code="5006"), {
            "title": "Bredbånd i grendene", "description": "Fiber mangler i flere grender.", "sector": "health"}, actor=contact_steinkjer.user)
    services.reset_cache()
    assert [r.id for r in services.search("sykkelvei langs fylkesveien", kinds=["need"])][:1] == [f"need:{need.pk}"]

    data = {k: ("" if v is None else v) for k, v in model_to_dict(need).items()}
    data.update(title="Trygg sykkelvei til skolen",
                description="Barna sykler langs fylkesveien uten sykkelvei og fortau.")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/needs/need/{need.pk}/change/", data)
    assert response.status_code == 302 and response.url == "/admin/needs/need/", response.url
    assert Need.objects.get(pk=need.pk).title == "Trygg sykkelvei til skolen"

    [item] = services.search("sykkelvei langs fylkesveien", kinds=["need"])
    assert item.id == f"need:{need.pk}" and item.title == "Trygg sykkelvei til skolen"
    assert "sykkelvei" in item.item.text


def test_need_deleted_in_the_admin_leaves_the_catalogue(admin_client, contact_steinkjer,
                                                        django_capture_on_commit_callbacks):
    from samskap.matching.models import CatalogItem

    with django_capture_on_commit_callbacks(execute=True):
        need = actions.submit_need(Municipality.objects.get(code="5006"), {
            "title": "Bredbånd i grendene", "description": "Fiber mangler i flere grender.", "sector": "health"}, actor=contact_steinkjer.user)
    assert CatalogItem.objects.filter(external_id=f"need:{need.pk}").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/needs/need/{need.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not CatalogItem.objects.filter(external_id=f"need:{need.pk}").exists()
