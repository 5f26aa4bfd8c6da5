import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import override
from openpyxl import load_workbook

from samskap.directory.models import County, Municipality
from samskap.needs import actions
from samskap.needs.exports import call_answers_xlsx

NEED = {"title": "Felles legevakt", "description": "Vi trenger et bedre tilbud ved akutt sykdom.", "sector": "health"}


@pytest.fixture
def call(coordinator):
    return actions.open_call(title="Innspill 2027", question="Hvilke tema bør diskuteres? Hvorfor?",
                             deadline=timezone.now() + dt.timedelta(days=14), county=County.objects.get(code="50"), actor=coordinator.user)


@pytest.mark.postgres
def test_silent_municipalities_and_export(call, contact_steinkjer, coordinator):
    actions.submit_need(Municipality.objects.get(code="5006"), NEED, call=call, actor=contact_steinkjer.user)
    silent = set(call.silent_municipalities().values_list("code", flat=True))
    assert "5006" not in silent
    assert "5007" in silent
    assert len(silent) == Municipality.objects.filter(county="50", active=True).count() - 1
    book = load_workbook(io.BytesIO(call_answers_xlsx(call)))
    answers = list(book.worksheets[0].iter_rows(values_only=True))
    assert answers[1][0] == "Steinkjer" and answers[1][2] == "Felles legevakt"
    assert len(list(book.worksheets[1].iter_rows())) == len(silent) + 1


@pytest.mark.postgres
def test_answers_are_read_only_after_the_deadline(call, contact_steinkjer):
    need = actions.submit_need(Municipality.objects.get(code="5006"), NEED, call=call, actor=contact_steinkjer.user)
    type(call).objects.filter(pk=call.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1))
    need.refresh_from_db()
    assert need.is_locked
    with override("en"), pytest.raises(ValidationError, match="closed"):
        actions.update_need(need, {"title": "For sent"}, actor=contact_steinkjer.user)
    with override("en"), pytest.raises(ValidationError, match="closed"):
        actions.submit_need(Municipality.objects.get(code="5006"), NEED,
                            call=type(call).objects.get(pk=call.pk), actor=contact_steinkjer.user)
    need.refresh_from_db()
    assert need.title == "Felles legevakt"


def test_deadline_must_be_in_the_future(coordinator):
    with pytest.raises(ValidationError):
        actions.open_call(title="x", question="y", deadline=timezone.now() - dt.timedelta(days=1), actor=coordinator.user)


def test_invalid_need_is_not_saved(contact_steinkjer):
    from samskap.needs.models import Need

    with pytest.raises(ValidationError) as excinfo:
        actions.submit_need(Municipality.objects.get(code="5006"),
                            {"title": "", "description": "x", "sector": "space"}, actor=contact_steinkjer.user)
    assert {"title", "sector"} <= set(excinfo.value.message_dict)
    assert Need.objects.count() == 0


def test_language_defaults_to_the_municipality_form(contact_surnadal):
    need = actions.submit_need(Municipality.objects.get(code="1566"), NEED, actor=contact_surnadal.user)
    assert need.language == "nn"
