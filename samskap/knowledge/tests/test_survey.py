"""Barometer surveys: building, sending links by e-mail, answering once without login, results, Excel."""

import io
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from samskap.knowledge import actions, parsing, queries, results
from samskap.knowledge.item_bank import ITEMS, load_item_bank
from samskap.knowledge.models import Answer, BarometerItem, Recipient, Response, Survey, SurveyStatus
from samskap.knowledge.tests.factories import open_survey

ROLES = ["coordinator", "own_contact", "other_contact", "researcher", "guest"]
RECIPIENTS = """# unit; municipality; sector; e-mail
Hjemmetjenesten nord; 5006; health; a@example.org
Teknisk drift; 1566; Technical services; b@example.org
"""


@pytest.fixture
def actors(coordinator, contact_steinkjer, contact_namsos, researcher):
    load_item_bank()  # seeded by migration 0002; again here in case a transactional test flushed it
    return {"coordinator": coordinator.user, "own_contact": contact_steinkjer.user,
            "other_contact": contact_namsos.user, "researcher": researcher.user, "guest": AnonymousUser()}


def test_item_bank_is_seeded_with_categories(db):
    load_item_bank()  # idempotent: the migration has normally done this already
    assert 15 <= len(ITEMS) <= 20 and BarometerItem.objects.count() == len(ITEMS)
    categories = set(BarometerItem.objects.values_list("category", flat=True))
    assert {"activity", "employees", "leadership", "finances", "citizens", "technology", "mistakes"} <= categories
    types = set(BarometerItem.objects.filter(category="activity").values_list("innovation_type", flat=True))
    assert types == {"service", "product", "process", "organisation", "communication"}


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_build_and_send_surveys(actors, role):
    items = list(BarometerItem.objects.all()[:3])
    if role == "coordinator":
        survey = actions.create_survey({"title": "B", "year": 2025, "scale": 6}, items, actor=actors[role])
        assert survey.scale == 6 and survey.items.count() == 3
        return
    with pytest.raises(PermissionDenied):
        actions.create_survey({"title": "B", "year": 2025, "scale": 4}, items, actor=actors[role])
    survey = Survey.objects.create(title="B", year=2025)
    survey.items.set(items)
    with pytest.raises(PermissionDenied):
        actions.add_recipients(survey, parsing.parse_recipients(RECIPIENTS), actor=actors[role])
    with pytest.raises(PermissionDenied):
        actions.send_survey(survey, actor=actors[role])
    with pytest.raises(PermissionDenied):
        actions.close_survey(survey, actor=actors[role])
    assert Survey.objects.get(pk=survey.pk).status == SurveyStatus.DRAFT


def test_follow_up_round_keeps_the_scale(coordinator):
    first = open_survey(coordinator.user, scale=4, year=2025)
    second = open_survey(coordinator.user, scale=4, year=2026, previous=first)
    assert [s.year for s in second.rounds()] == [2025, 2026]
    with pytest.raises(ValidationError) as exc:
        open_survey(coordinator.user, scale=6, year=2026, previous=first)
    assert "scale" in exc.value.message_dict


def test_parse_recipients_names_the_bad_line():
    rows = parsing.parse_recipients(RECIPIENTS)
    assert [(r["unit_name"], r["municipality"], r["sector"]) for r in rows] == [
        ("Hjemmetjenesten nord", "5006", "health"), ("Teknisk drift", "1566", "technical")]
    with pytest.raises(ValidationError, match="Linje 2"):
        parsing.parse_recipients("Skole; 5006; education; a@example.org\nSkole; 5006; education; ikke-epost")
    with pytest.raises(ValidationError, match="Linje 1"):
        parsing.parse_recipients("Skole; 5006; sjøfart; a@example.org")


def test_unknown_municipality_is_refused(coordinator):
    survey = open_survey(coordinator.user)
    with pytest.raises(ValidationError, match="9999"):
        actions.add_recipients(survey, parsing.parse_recipients("X; 9999; health; x@example.org"), actor=coordinator.user)


@pytest.mark.postgres
def test_links_arrive_by_email_and_work_once(client, coordinator, smtp_server, django_capture_on_commit_callbacks):
    survey = open_survey(coordinator.user, scale=4)
    actions.add_recipients(survey, parsing.parse_recipients(RECIPIENTS), actor=coordinator.user)
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_survey(survey, actor=coordinator.user)
    assert sorted(m["To"] for m in smtp_server) == ["a@example.org", "b@example.org"]
    bodies = {m["To"]: m.get_payload(decode=True).decode() for m in smtp_server}
    links = {to: re.search(r"https?://\S+/kunnskap/svar/(\S+)/", body) for to, body in bodies.items()}
    assert all(links.values())
    token = links["a@example.org"].group(1)
    assert len(token) >= 40 and token != links["b@example.org"].group(1)
    assert "Surnadal" in bodies["b@example.org"] and "Du svarar" in bodies["b@example.org"]  # nynorsk
    assert "Du svarer" in bodies["a@example.org"]  # Steinkjer: bokmål
    recipient = Recipient.objects.get(email="a@example.org")
    assert recipient.sent_at and recipient.token_hash and token not in recipient.token_hash  # only a hash

    page = client.get(f"/kunnskap/svar/{token}/")
    assert page.status_code == 200 and "1 – " in page.content.decode()
    items = list(survey.items.all())
    answer = {f"item_{i.pk}": "3" for i in items}
    answer[f"item_{items[0].pk}"] = "0"  # do not know
    done = client.post(f"/kunnskap/svar/{token}/", answer)
    assert done.status_code == 200 and Response.objects.count() == 1
    response = Response.objects.get()
    assert (response.unit_name, response.municipality_id, response.sector) == ("Hjemmetjenesten nord", "5006", "health")
    assert sorted(Answer.objects.values_list("value", flat=True), key=str) == [3, 3, None]

    again = client.get(f"/kunnskap/svar/{token}/")
    assert again.status_code == 200 and 'name="item_' not in again.content.decode()
    assert client.post(f"/kunnskap/svar/{token}/", answer).status_code == 200
    assert Response.objects.count() == 1
    with pytest.raises(actions.AlreadyAnswered):
        actions.submit_answers(token, {i.pk: 2 for i in items})
    assert client.get("/kunnskap/svar/not-a-token/").status_code == 404


def test_unanswered_survey_form_reports_missing_answers(client, coordinator):
    survey = open_survey(coordinator.user)
    [recipient] = actions.add_recipients(survey, parsing.parse_recipients(RECIPIENTS)[:1], actor=coordinator.user)
    actions.send_survey(survey, send_email=False, actor=coordinator.user)
    token = actions.issue_link(recipient, actor=coordinator.user)
    page = client.post(f"/kunnskap/svar/{token}/", {})
    assert page.status_code == 200 and 'role="alert"' in page.content.decode()
    assert Response.objects.count() == 0 and Recipient.objects.get().answered_at is None


def test_answers_outside_the_scale_and_closed_surveys_are_refused(coordinator):
    survey = open_survey(coordinator.user, scale=4)
    [recipient] = actions.add_recipients(survey, parsing.parse_recipients(RECIPIENTS)[:1], actor=coordinator.user)
    actions.send_survey(survey, send_email=False, actor=coordinator.user)
    token = actions.issue_link(recipient, actor=coordinator.user)
    item = survey.items.first()
    with pytest.raises(ValidationError):
        actions.submit_answers(token, {item.pk: 5})
    actions.close_survey(survey, actor=coordinator.user)
    with pytest.raises(actions.SurveyNotOpen):
        actions.submit_answers(token, {item.pk: 2})
    assert Recipient.objects.get().answered_at is None


def test_new_link_replaces_the_old_one(coordinator):
    survey = open_survey(coordinator.user)
    [recipient] = actions.add_recipients(survey, parsing.parse_recipients(RECIPIENTS)[:1], actor=coordinator.user)
    actions.send_survey(survey, send_email=False, actor=coordinator.user)
    old = actions.issue_link(recipient, actor=coordinator.user)
    new = actions.issue_link(recipient, actor=coordinator.user)
    assert queries.recipient_for_token(old) is None and queries.recipient_for_token(new) == recipient


# --- results ---------------------------------------------------------------------------------------

def _answer(coordinator, survey, unit, code, sector, n, value):
    slug = unit.lower().replace(" ", "-")
    rows = [{"unit_name": unit, "municipality": code, "sector": sector, "email": f"{slug}-{code}-{i}@example.org"}
            for i in range(n)]
    items = list(survey.items.all())
    for recipient in actions.add_recipients(survey, rows, actor=coordinator):
        actions.submit_answers(actions.issue_link(recipient, actor=coordinator), {i.pk: value for i in items})


@pytest.fixture
def answered(coordinator):
    survey = open_survey(coordinator.user, scale=4, title="Barometer", year=2025)
    actions.send_survey(survey, send_email=False, actor=coordinator.user)
    _answer(coordinator.user, survey, "Hjemmetjenesten", "5006", "health", 5, 3)
    _answer(coordinator.user, survey, "Teknisk drift", "1566", "technical", 4, 1)
    # Two small units, so the hidden ones together hold >= 5 answers and none can be recovered by
    # subtracting Hjemmetjenesten from the published total.
    _answer(coordinator.user, survey, "Kulturskolen", "5007", "culture", 3, 2)
    return actions.close_survey(survey, actor=coordinator.user)  # results are published when it closes


@pytest.mark.postgres
def test_results_by_unit_hide_small_groups(answered):
    res = results.compute(answered, "unit")
    assert res.scale == 4
    assert [g.key for g in res.result.visible] == ["Hjemmetjenesten, Steinkjer"]
    assert [g.key for g in res.result.hidden] == ["Kulturskolen, Namsos - Nåavmesjenjaelmie",
                                                  "Teknisk drift, Surnadal"]
    assert res.result.visible[0].n == 5


def test_results_page_states_the_scale_and_hides_small_groups(client, answered, contact_namsos, coordinator):
    assert client.get(f"/kunnskap/barometer/{answered.pk}/resultater/").status_code == 302  # login first
    client.force_login(contact_namsos.user)
    html = client.get(f"/kunnskap/barometer/{answered.pk}/resultater/", {"by": "unit"}).content.decode()
    assert "Skala 1–4" in html or "Scale 1–4" in html
    assert "<svg" in html and 'role="img"' in html and "<title" in html and "<desc" in html
    table = html[html.index('id="results-table"'):]
    table = table[:table.index("</table>")]
    assert "Hjemmetjenesten, Steinkjer" in table and "Teknisk drift" not in table
    assert "Teknisk drift, Surnadal" in html[html.index('id="hidden-groups"'):]
    client.force_login(coordinator.user)
    assert client.get(f"/kunnskap/barometer/{answered.pk}/").status_code == 200


def test_results_are_not_for_researchers_or_guests(client, answered, researcher):
    client.force_login(researcher.user)
    assert client.get(f"/kunnskap/barometer/{answered.pk}/resultater/").status_code == 403


def test_excel_export_opens_and_states_the_scale(client, answered, coordinator):
    client.force_login(coordinator.user)
    response = client.get(f"/kunnskap/barometer/{answered.pk}/resultater.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    assert len(wb.sheetnames) == 5
    about = wb[wb.sheetnames[0]]
    assert about["B3"].value == "1–4"
    units = wb[wb.sheetnames[2]]
    assert units["B1"].value == "1–4"
    headers = [c.value for c in units[2]]
    assert any(h and h.startswith("Hjemmetjenesten, Steinkjer (n=5)") for h in headers)
    assert not any(h and "Teknisk drift" in h for h in headers)
    cells = [c.value for row in units.iter_rows() for c in row]
    assert 3 in cells and 1 not in cells  # the hidden group's values are nowhere


def test_rounds_over_time(coordinator, answered):
    actions.close_survey(answered, actor=coordinator.user)
    follow_up = open_survey(coordinator.user, scale=4, year=2026, previous=answered)
    actions.send_survey(follow_up, send_email=False, actor=coordinator.user)
    _answer(coordinator.user, follow_up, "Hjemmetjenesten", "5006", "health", 6, 4)
    res = results.compute(follow_up, "unit")
    assert [s.year for s, _r in res.rounds] == [2025, 2026]
    table = results.rounds_table(res)
    row = next(r for r in table["rows"] if r["key"].startswith("Hjemmetjenesten"))
    assert row["change"] == "+1,00"
    small = next(r for r in table["rows"] if r["key"].startswith("Teknisk"))
    assert small["change"] == "–"
    wb = load_workbook(io.BytesIO(__import__("samskap.knowledge.exports", fromlist=["x"]).results_xlsx(follow_up)))
    assert len(wb.sheetnames) == 9


# --- demo ------------------------------------------------------------------------------------------

def test_demo_is_complete_and_idempotent(reference):
    from samskap.knowledge import demo
    from samskap.knowledge.models import Case, CaseStatus

    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    cases = Case.objects.all()
    assert cases.count() >= 15 and all(c.status == CaseStatus.PUBLISHED for c in cases)
    assert cases.filter(language="nn").count() >= 5
    surveys = Survey.objects.filter(title=demo.SURVEY_TITLE).order_by("year")
    assert [(s.year, s.scale) for s in surveys] == [(2025, 4), (2026, 4)]
    assert surveys[1].previous_round == surveys[0]
    first = results.compute(surveys[0], "unit").result
    # Teknisk drift is under the threshold; Surnadal sjukeheim is hidden too, or Surnadal's total would
    # reveal it by subtraction.
    assert len(first.visible) >= 3
    assert sorted(g.key for g in first.hidden) == ["Surnadal sjukeheim, Surnadal", "Teknisk drift, Surnadal"]
    assert len({g.key.split(", ")[1] for g in first.visible}) >= 2
    counts = (Response.objects.count(), Recipient.objects.count())
    demo.load(out)
    assert (Response.objects.count(), Recipient.objects.count()) == counts


def test_coordinator_builds_and_sends_a_survey_on_the_web(client, coordinator, smtp_server,
                                                          django_capture_on_commit_callbacks):
    load_item_bank()
    client.force_login(coordinator.user)
    assert client.get("/kunnskap/barometer/ny/").status_code == 200
    items = list(BarometerItem.objects.filter(category__in=["activity", "mistakes"]))
    response = client.post("/kunnskap/barometer/ny/", {"title": "Barometer 2027", "year": 2027, "scale": 6,
                                                       "items": [i.pk for i in items]})
    survey = Survey.objects.get(title="Barometer 2027")
    assert response.status_code == 302 and survey.scale == 6 and survey.items.count() == len(items)
    client.post(f"/kunnskap/barometer/{survey.pk}/", {"rows": RECIPIENTS})
    assert survey.recipients.count() == 2
    page = client.get(f"/kunnskap/barometer/{survey.pk}/").content.decode()
    assert "Teknisk drift" in page and "1–6" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kunnskap/barometer/{survey.pk}/send/")
    assert len(smtp_server) == 2 and Survey.objects.get(pk=survey.pk).status == SurveyStatus.OPEN
    recipient = survey.recipients.get(email="a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kunnskap/barometer/mottaker/{recipient.pk}/send-igjen/")
    assert len(smtp_server) == 3 and smtp_server[-1]["To"] == "a@example.org"
    assert client.get(f"/kunnskap/barometer/{survey.pk}/rediger/").status_code == 302  # sent: locked


def test_contacts_cannot_open_the_survey_builder(client, contact_steinkjer):
    client.force_login(contact_steinkjer.user)
    assert client.get("/kunnskap/barometer/ny/").status_code == 403
    assert client.get("/kunnskap/barometer/").status_code == 200


def test_results_cannot_be_differenced_while_the_survey_is_open(client, coordinator, contact_namsos):
    """The attack of the review: download the results, let one more unit answer, download again."""
    survey = open_survey(coordinator.user, scale=4, title="Barometer", year=2025)
    actions.send_survey(survey, send_email=False, actor=coordinator.user)
    _answer(coordinator.user, survey, "Hjemmetjenesten", "5006", "health", 5, 3)
    client.force_login(contact_namsos.user)
    url = f"/kunnskap/barometer/{survey.pk}/resultater/"
    before = client.get(url, {"by": "municipality"}).content.decode()
    _answer(coordinator.user, survey, "Teknisk drift", "5006", "technical", 1, 1)
    after = client.get(url, {"by": "municipality"}).content.decode()
    for html in (before, after):
        assert 'id="results-pending"' in html and 'id="results-table"' not in html
    assert "5 svar så langt" in before and "6 svar så langt" in after  # a count, never a value
    assert client.get(f"/kunnskap/barometer/{survey.pk}/resultater.xlsx").status_code == 302  # no export either
    actions.close_survey(survey, actor=coordinator.user)
    assert 'id="results-table"' in client.get(url, {"by": "municipality"}).content.decode()
    with pytest.raises(ValidationError):  # and nothing can change the published results
        _answer(coordinator.user, survey, "Kulturskolen", "5007", "culture", 1, 2)
