"""A call for topics is answered with needs the municipality already registered, not only with new ones."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from samskap.conftest import assert_no_axe_violations, login
from samskap.directory import testing
from samskap.directory.models import County, Municipality
from samskap.needs import actions
from samskap.needs.models import Call, Need


def _call(persona: testing.Persona, county: str | None = None, title: str = "Innspill til verkstedet") -> Call:
    return actions.open_call(actor=persona.user, title=title, question="Hvilke tema?",
                             deadline=timezone.now() + dt.timedelta(days=10),
                             county=County.objects.get(code=county) if county else None)


def _need(persona: testing.Persona, title: str, *, status: str = "submitted", code: str = "5006",
          call: Call | None = None) -> Need:
    return actions.submit_need(Municipality.objects.get(code=code), {
        "title": title, "description": f"{title}: beskrivelse.", "sector": "health", "status": status},
        actor=persona.user, call=call)


def _client(persona: testing.Persona) -> Client:
    client = Client()
    client.force_login(persona.user)
    return client


def _post(persona: testing.Persona, call: Call, *needs: Any) -> Any:
    return _client(persona).post(f"/behov/innspill/{call.pk}/knytt-til/",
                                 {"needs": [getattr(n, "pk", n) for n in needs]}, follow=True)


def test_contact_is_offered_only_own_registered_unanswered_needs(coordinator: testing.Persona,
                                                                 contact_steinkjer: testing.Persona,
                                                                 contact_surnadal: testing.Persona) -> None:
    call = _call(coordinator)
    other_call = _call(coordinator, title="Annen runde")
    mine = _need(contact_steinkjer, "Velferdsteknologi i hjemmetjenesten")
    draft = _need(contact_steinkjer, "Uferdig utkast", status="draft")
    answered = _need(contact_steinkjer, "Svar på annen runde", call=other_call)
    theirs = _need(contact_surnadal, "Surnadals behov", code="1566")
    body = _client(contact_steinkjer).get(f"/behov/innspill/{call.pk}/").content.decode()
    assert f'value="{mine.pk}" id="attach-{mine.pk}"' in body
    for other in (draft, answered, theirs):
        assert f'id="attach-{other.pk}"' not in body
    assert 'id="attach-needs"' not in _client(coordinator).get(f"/behov/innspill/{call.pk}/").content.decode()


def test_attaching_makes_the_same_need_an_answer(coordinator: testing.Persona,
                                                 contact_steinkjer: testing.Persona) -> None:
    call = _call(coordinator)
    mine = _need(contact_steinkjer, "Velferdsteknologi i hjemmetjenesten")
    assert call.silent_municipalities().filter(code="5006").exists()
    body = _post(contact_steinkjer, call, mine).content.decode()
    assert "1 behov er nå svar på innspillsrunden." in body
    mine.refresh_from_db()
    assert mine.call_id == call.pk and Need.objects.count() == 1  # not copied
    assert not call.silent_municipalities().filter(code="5006").exists()
    assert f'id="attach-{mine.pk}"' not in body  # no longer offered


def test_all_or_nothing_with_each_problem_named(coordinator: testing.Persona,
                                                contact_steinkjer: testing.Persona) -> None:
    call = _call(coordinator)
    other_call = _call(coordinator, title="Annen runde")
    good = _need(contact_steinkjer, "Godt behov")
    draft = _need(contact_steinkjer, "Uferdig utkast", status="draft")
    answered = _need(contact_steinkjer, "Svar på annen runde", call=other_call)
    body = _post(contact_steinkjer, call, good, draft, answered).content.decode()
    assert "«Uferdig utkast» har status utkast: bare registrerte behov kan være svar" in body
    assert "«Svar på annen runde» er allerede svar på innspillsrunden «Annen runde»." in body
    good.refresh_from_db()
    answered.refresh_from_db()
    assert good.call_id is None and answered.call_id == other_call.pk


def test_a_municipality_outside_the_invited_county_is_refused(coordinator: testing.Persona,
                                                              contact_steinkjer: testing.Persona) -> None:
    call = _call(coordinator, county="15")  # Møre og Romsdal; Steinkjer is in Trøndelag
    mine = _need(contact_steinkjer, "Velferdsteknologi")
    assert 'id="attach-needs"' not in _client(contact_steinkjer).get(f"/behov/innspill/{call.pk}/").content.decode()
    body = _post(contact_steinkjer, call, mine).content.decode()
    assert "Steinkjer er ikke invitert til denne innspillsrunden." in body
    mine.refresh_from_db()
    assert mine.call_id is None


def test_another_municipalitys_need_is_forbidden_and_nothing_is_attached(
        coordinator: testing.Persona, contact_steinkjer: testing.Persona, contact_surnadal: testing.Persona) -> None:
    call = _call(coordinator)
    mine = _need(contact_steinkjer, "Mitt behov")
    theirs = _need(contact_surnadal, "Surnadals behov", code="1566")
    response = _client(contact_steinkjer).post(f"/behov/innspill/{call.pk}/knytt-til/",
                                               {"needs": [mine.pk, theirs.pk]})
    assert response.status_code == 403
    assert not Need.objects.filter(call=call).exists()
    assert _client(testing.researcher()).post(
        f"/behov/innspill/{call.pk}/knytt-til/", {"needs": [mine.pk]}).status_code == 403
    assert Client().post(f"/behov/innspill/{call.pk}/knytt-til/", {"needs": [mine.pk]}).status_code == 302
    assert not Need.objects.filter(call=call).exists()


def test_closed_call_and_hostile_input(coordinator: testing.Persona, contact_steinkjer: testing.Persona) -> None:
    call = _call(coordinator)
    mine = _need(contact_steinkjer, "Mitt behov")
    body = _post(contact_steinkjer, call, "x", "-1", "99999999999999999999").content.decode()
    assert "Velg minst ett behov." in body
    assert _client(contact_steinkjer).post("/behov/innspill/999999/knytt-til/", {"needs": [mine.pk]}).status_code == 404
    actions.close_call(call, actor=coordinator.user)
    body = _post(contact_steinkjer, call, mine).content.decode()
    assert "Innspillsrunden er lukket" in body
    mine.refresh_from_db()
    assert mine.call_id is None


def test_detaching_keeps_the_need(coordinator: testing.Persona, contact_steinkjer: testing.Persona,
                                  contact_surnadal: testing.Persona) -> None:
    call = _call(coordinator)
    mine = _need(contact_steinkjer, "Mitt svar", call=call)
    theirs = _need(contact_surnadal, "Surnadals svar", code="1566", call=call)
    client = _client(contact_steinkjer)
    body = client.get(f"/behov/innspill/{call.pk}/").content.decode()
    assert f"/behov/innspill/{call.pk}/fjern/{mine.pk}/" in body
    assert f"/behov/innspill/{call.pk}/fjern/{theirs.pk}/" not in body
    assert client.post(f"/behov/innspill/{call.pk}/fjern/{theirs.pk}/").status_code == 403
    body = client.post(f"/behov/innspill/{call.pk}/fjern/{mine.pk}/", follow=True).content.decode()
    assert "«Mitt svar» er ikke lenger svar på innspillsrunden; selve behovet er beholdt." in body
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.call_id is None and theirs.call_id == call.pk
    assert client.post(f"/behov/innspill/{call.pk}/fjern/{mine.pk}/").status_code == 404  # no longer an answer
    actions.close_call(call, actor=coordinator.user)
    assert _client(contact_surnadal).post(f"/behov/innspill/{call.pk}/fjern/{theirs.pk}/",
                                          follow=True).status_code == 200
    theirs.refresh_from_db()
    assert theirs.call_id == call.pk  # a closed call's answers are read-only


@pytest.mark.browser
def test_contact_attaches_a_need_in_the_browser(page: Any, coordinator: testing.Persona,
                                                contact_steinkjer: testing.Persona) -> None:
    call = _call(coordinator)
    mine = _need(contact_steinkjer, "Velferdsteknologi i hjemmetjenesten")
    login(page, "ola.steinkjer")
    page.goto(f"/behov/innspill/{call.pk}/")
    assert_no_axe_violations(page)
    page.get_by_label("Velferdsteknologi i hjemmetjenesten").check()
    page.get_by_role("button", name="Bruk som svar").click()
    page.locator("#messages", has_text="1 behov er nå svar på innspillsrunden.").wait_for()
    assert "Velferdsteknologi i hjemmetjenesten" in page.locator(".call-answers").inner_text()
    mine.refresh_from_db()
    assert mine.call_id == call.pk
    assert_no_axe_violations(page)
