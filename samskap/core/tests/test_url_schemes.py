"""Stored web addresses are http(s) only, checked when saved (a draft case too) and again when rendered."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from samskap.core.validators import is_http_url

BAD = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<script>x</script>",
       "vbscript:x", "//evil.example/", "/\\evil.example", "ftp://example.org/file"]
GOOD = ["https://www.ks.no/", "http://example.org/a?b=c", "/kunnskap/12/"]


@pytest.mark.parametrize("value", BAD)
def test_bad_schemes(value):
    assert not is_http_url(value)
    assert Template("{% load safe_links %}{{ v|safe_url }}").render(Context({"v": value})) == "#"


@pytest.mark.parametrize("value", GOOD)
def test_good_addresses(value):
    assert is_http_url(value)


@pytest.mark.django_db
def test_a_draft_case_refuses_a_javascript_link(contact_steinkjer):
    from samskap.knowledge import actions
    from samskap.knowledge.models import Case
    from samskap.knowledge.tests.factories import COMPLETE, municipalities

    with pytest.raises(ValidationError) as exc:
        actions.create_case({**COMPLETE, "links": "https://ok.example/\njavascript:alert(1)"},
                            municipalities("5006"), actor=contact_steinkjer.user)
    assert "links" in exc.value.message_dict
    assert not Case.objects.exists()
    case = actions.create_case(COMPLETE, municipalities("5006"), actor=contact_steinkjer.user)
    with pytest.raises(ValidationError):
        actions.update_case(case, {"links": "javascript:alert(document.cookie)"}, actor=contact_steinkjer.user)
    assert "javascript" not in Case.objects.get(pk=case.pk).links


@pytest.mark.django_db
def test_an_instrument_refuses_a_javascript_link(coordinator):
    from samskap.funding import actions
    from samskap.funding.models import Instrument

    with pytest.raises(ValidationError) as exc:
        actions.create_instrument({"name": "Skjønnsmidler", "url": "javascript:alert(1)"}, actor=coordinator.user)
    assert "url" in exc.value.message_dict
    assert not Instrument.objects.filter(name="Skjønnsmidler").exists()


@pytest.mark.django_db
def test_a_contact_cannot_attach_another_municipality(contact_steinkjer, coordinator):
    from django.core.exceptions import PermissionDenied

    from samskap.knowledge import actions
    from samskap.knowledge.models import Case
    from samskap.knowledge.tests.factories import COMPLETE, municipalities

    with pytest.raises(PermissionDenied):
        actions.create_case(COMPLETE, municipalities("5006", "5007"), actor=contact_steinkjer.user)
    assert not Case.objects.exists()
    case = actions.create_case(COMPLETE, municipalities("5006"), actor=contact_steinkjer.user)
    with pytest.raises(PermissionDenied):
        actions.update_case(case, {}, municipalities("5006", "5007"), actor=contact_steinkjer.user)
    # a coordinator may add one; the contact may then keep it when editing
    actions.update_case(case, {}, municipalities("5006", "5007"), actor=coordinator.user)
    actions.update_case(case, {"title": "Ny tittel"}, municipalities("5006", "5007"), actor=contact_steinkjer.user)
    assert sorted(case.municipalities.values_list("code", flat=True)) == ["5006", "5007"]
