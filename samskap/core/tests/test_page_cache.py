"""The public page cache: anonymous pages from memory, and never a page the data has moved past.

Personas: Ola (anonymous visitor), Steinkjer's FoUI contact (writes needs), a coordinator.
Transactional tests: the content version is raised after commit, as in production.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client

from samskap.core import changes
from samskap.core.pagecache import CSRF_PLACEHOLDER, STATUS_HEADER
from samskap.directory.models import Municipality
from samskap.needs import actions
from samskap.needs.models import Need

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _cache_on(settings: Any) -> None:
    settings.SAMSKAP_PAGE_CACHE_SECONDS = 60


def _need(contact: Any, title: str, **extra: Any) -> Need:
    steinkjer = Municipality.objects.get(code="5006")
    return actions.submit_need(steinkjer, {"title": title, "description": "Beskrivelse av behovet.",
                                           "sector": "health", **extra}, actor=contact.user)


def test_a_second_anonymous_visit_is_served_from_the_cache(contact_steinkjer: Any) -> None:
    _need(contact_steinkjer, "Digital hjemmeoppfølging")
    ola = Client()
    first = ola.get("/behov/")
    assert first.status_code == 200 and first[STATUS_HEADER] == "miss"
    second = ola.get("/behov/")
    assert second[STATUS_HEADER] == "hit"
    assert "Digital hjemmeoppfølging" in second.content.decode()
    assert second["Content-Type"].startswith("text/html")


def test_a_committed_write_is_seen_at_once(contact_steinkjer: Any) -> None:
    need = _need(contact_steinkjer, "Digital hjemmeoppfølging")
    ola = Client()
    ola.get("/behov/")
    assert ola.get("/behov/")[STATUS_HEADER] == "hit"
    _need(contact_steinkjer, "Rekruttering av sykepleiere")  # an action: transaction.atomic, then commit
    fresh = ola.get("/behov/")
    assert fresh[STATUS_HEADER] == "miss"
    assert "Rekruttering av sykepleiere" in fresh.content.decode()
    # back to draft: gone from the anonymous list and its page at once
    assert ola.get(f"/behov/{need.pk}/").status_code == 200
    actions.set_need_status(need, "draft", actor=contact_steinkjer.user)
    assert "Digital hjemmeoppfølging" not in ola.get("/behov/").content.decode()
    assert ola.get(f"/behov/{need.pk}/").status_code == 404


def test_writes_that_bypass_model_signals_are_seen_too(contact_steinkjer: Any) -> None:
    need = _need(contact_steinkjer, "Digital hjemmeoppfølging")
    ola = Client()
    ola.get("/api/v1/needs")
    assert ola.get("/api/v1/needs")[STATUS_HEADER] == "hit"
    Need.objects.filter(pk=need.pk).update(title="Velferdsteknologi i hjemmet")  # autocommit, no signal
    body = ola.get("/api/v1/needs").content.decode()
    assert "Velferdsteknologi i hjemmet" in body
    with connection.cursor() as cursor:  # raw SQL inside a transaction
        with transaction.atomic():
            cursor.execute("UPDATE needs_need SET title = %s WHERE id = %s", ["Tryggere hjemme", need.pk])
    assert "Tryggere hjemme" in ola.get("/api/v1/needs").content.decode()


def test_a_rolled_back_write_raises_nothing_and_session_writes_do_not_count(contact_steinkjer: Any) -> None:
    _need(contact_steinkjer, "Digital hjemmeoppfølging")
    before = changes.content_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Need.objects.update(title="Aldri lagret")
        raise RuntimeError
    assert changes.content_version() == before
    Client().post("/logg-inn/", {"login": "steinkjer", "password": "feil"})  # axes and session bookkeeping
    assert changes.content_version() == before


def test_each_visitor_gets_their_own_csrf_token_and_it_works() -> None:
    ola, kari = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    pages = [ola.get("/behov/"), kari.get("/behov/")]
    assert pages[1][STATUS_HEADER] == "hit"
    for visitor, response in zip((ola, kari), pages, strict=True):
        html = response.content.decode()
        assert CSRF_PLACEHOLDER not in html
        token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        assert response.cookies["csrftoken"].value  # the cookie that goes with the token
        switched = visitor.post("/i18n/setlang/", {"language": "nn", "next": "/behov/",
                                                   "csrfmiddlewaretoken": token})
        assert switched.status_code == 302  # not 403: the token fits this visitor's cookie
    assert "csrftoken" in pages[0].cookies and pages[0].cookies["csrftoken"].value != pages[1].cookies[
        "csrftoken"].value


def test_language_and_htmx_fragments_are_kept_apart(contact_steinkjer: Any) -> None:
    need = _need(contact_steinkjer, "Digital hjemmeoppfølging")
    nb, nn = Client(), Client()
    nn.cookies["django_language"] = "nn"
    nb_html = nb.get("/behov/").content.decode()
    nn_response = nn.get("/behov/")
    assert nn_response[STATUS_HEADER] == "miss"
    assert '<html lang="nn"' in nn_response.content.decode() and '<html lang="nb"' in nb_html
    full = nb.get(f"/megling/behov/{need.pk}/forslag/")
    fragment = nb.get(f"/megling/behov/{need.pk}/forslag/", headers={"HX-Request": "true"})
    assert fragment[STATUS_HEADER] == "miss"
    assert "<html" in full.content.decode() and "<html" not in fragment.content.decode()


def test_signed_in_people_and_token_clients_always_reach_the_view(contact_steinkjer: Any) -> None:
    _need(contact_steinkjer, "Digital hjemmeoppfølging")
    signed_in = Client()
    signed_in.force_login(contact_steinkjer.user)
    for _ in range(2):
        assert STATUS_HEADER not in signed_in.get("/behov/")
        assert STATUS_HEADER not in Client().get("/api/v1/needs", headers={"Authorization": "Bearer x"})


def test_pages_that_show_a_message_and_errors_are_never_stored() -> None:
    ola = Client()
    long_query = "eldreomsorg " * 250  # longer than a query is used: the page warns with a message, which must not be cached
    first = ola.get("/megling/", {"q": long_query})
    assert first.status_code == 200 and STATUS_HEADER not in first
    assert "first part" in first.content.decode() or "første del" in first.content.decode()
    missing = ola.get("/behov/999999/")
    assert missing.status_code == 404 and STATUS_HEADER not in missing
    assert CSRF_PLACEHOLDER not in missing.content.decode()


def test_another_process_s_write_is_seen_within_the_check_interval(settings: Any,
                                                                   contact_steinkjer: Any) -> None:
    import time

    settings.SAMSKAP_PAGE_CACHE_CHECK_SECONDS = 0.4
    _need(contact_steinkjer, "Digital hjemmeoppfølging")
    ola = Client()
    ola.get("/behov/")
    assert ola.get("/behov/")[STATUS_HEADER] == "hit"
    # another process commits a write and raises the number: this process has not read it yet
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_contentversion SET value = value + 1")
    time.sleep(0.5)
    assert ola.get("/behov/")[STATUS_HEADER] == "miss"


def test_the_time_limit_zero_turns_it_off(settings: Any) -> None:
    settings.SAMSKAP_PAGE_CACHE_SECONDS = 0
    ola = Client()
    assert STATUS_HEADER not in ola.get("/behov/") and STATUS_HEADER not in ola.get("/behov/")


@pytest.mark.parametrize("sql, table", [
    ('INSERT INTO "needs_need" ("title") VALUES (%s)', "needs_need"),
    ('INSERT OR IGNORE INTO "needs_need" ("title") VALUES (%s)', "needs_need"),
    ('UPDATE "django_session" SET "x" = 1', "django_session"),
    ('  DELETE FROM "axes_accessattempt" WHERE 1', "axes_accessattempt"),
    ("REPLACE INTO `core_contentversion` (value) VALUES (1)", "core_contentversion"),
    ('SELECT "id" FROM "needs_need"', None),
    ("update needs_need set title = 'x'", "needs_need"),
])
def test_written_table(sql: str, table: str | None) -> None:
    assert changes.written_table(sql) == table


def _figure(body: str, label: str) -> int:
    import re

    match = re.search(r'<span class="figure-value">([\d\s\xa0]+)</span> <span class="figure-label">' + label, body)
    assert match, label
    return int(re.sub(r"\D", "", match.group(1)))


def test_the_front_panels_are_kept_for_signed_in_people_and_follow_writes(contact_steinkjer: Any,
                                                                        coordinator: Any) -> None:
    from django.core.cache import caches

    _need(contact_steinkjer, "Digital hjemmeoppfølging")
    kari = Client()
    kari.force_login(contact_steinkjer.user)
    first = kari.get("/").content.decode()
    assert "Mitt Samskap" in first and _figure(first, "registrerte behov") == 1
    fragments = [k for k in caches["pages"]._cache if ":fragment:front:" in k]  # type: ignore[attr-defined]
    assert len(fragments) == 1  # the front panels, rendered once, shared by everyone of one audience
    _need(contact_steinkjer, "Rekruttering av sykepleiere")
    assert _figure(kari.get("/").content.decode(), "registrerte behov") == 2
    # a coordinator's rendering (the link to all shared challenges) is kept apart from everyone else's
    per = Client()
    per.force_login(coordinator.user)
    per.get("/")
    audiences = {k.split(":fragment:front:")[1].split(":")[0]
                 for k in caches["pages"]._cache if ":fragment:front:" in k}  # type: ignore[attr-defined]
    assert audiences == {"matching=everyone", "matching=coordinator"}


def test_a_signed_in_page_with_a_kept_fragment_carries_the_person_s_own_csrf_token(contact_steinkjer: Any) -> None:
    kari = Client(enforce_csrf_checks=True)
    kari.force_login(contact_steinkjer.user)
    kari.get("/")
    html = kari.get("/").content.decode()
    assert CSRF_PLACEHOLDER not in html
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert kari.post("/i18n/setlang/", {"language": "nn", "next": "/", "csrfmiddlewaretoken": token}).status_code == 302


def test_a_person_s_own_start_panels_are_kept_apart_and_follow_writes(contact_steinkjer: Any,
                                                                      contact_namsos: Any) -> None:
    kari, nils = Client(), Client()
    kari.force_login(contact_steinkjer.user)
    nils.force_login(contact_namsos.user)
    kari.get("/")
    _need(contact_steinkjer, "Digital hjemmeoppfølging", status="draft")
    assert "Digital hjemmeoppfølging" in kari.get("/").content.decode()  # her draft, at once
    assert "Digital hjemmeoppfølging" not in nils.get("/").content.decode()  # not in Namsos' panels
    assert "Digital hjemmeoppfølging" in kari.get("/").content.decode()


def test_the_needs_list_is_kept_per_audience_for_signed_in_people(contact_steinkjer: Any, contact_namsos: Any,
                                                                 researcher: Any, coordinator: Any) -> None:
    from django.test.utils import CaptureQueriesContext

    _need(contact_steinkjer, "Digital hjemmeoppfølging")
    _need(contact_steinkjer, "Kladd om demensomsorg", status="draft")
    ola, siri, nora, per = Client(), Client(), Client(), Client()
    for client, persona in ((ola, contact_steinkjer), (siri, contact_namsos), (nora, researcher), (per, coordinator)):
        client.force_login(persona.user)
    assert "Kladd om demensomsorg" in ola.get("/behov/").content.decode()  # Steinkjer's own draft
    with CaptureQueriesContext(connection) as queries:
        again = ola.get("/behov/").content.decode()
    assert "Kladd om demensomsorg" in again and "Ola Nordmo" in again  # his own header, the kept list
    assert not [q for q in queries.captured_queries if "needs_need" in q["sql"]]
    for other in (siri, nora):  # other audiences never get Steinkjer's rendering
        body = other.get("/behov/").content.decode()
        assert "Digital hjemmeoppfølging" in body and "Kladd om demensomsorg" not in body
    assert "Kladd om demensomsorg" in per.get("/behov/").content.decode()
    assert "Meld inn et behov" not in nora.get("/behov/").content.decode()
    assert "Meld inn et behov" in ola.get("/behov/").content.decode()
    # the list and its filters are kept per URL and follow a write at once
    assert "Digital hjemmeoppfølging" not in ola.get("/behov/?q=demens").content.decode()
    _need(contact_steinkjer, "Rekruttering av sykepleiere")
    assert "Rekruttering av sykepleiere" in ola.get("/behov/").content.decode()
    assert "Rekruttering av sykepleiere" in nora.get("/behov/").content.decode()


def test_the_municipality_list_is_kept_for_signed_in_people_and_follows_writes(coordinator: Any) -> None:
    from django.test.utils import CaptureQueriesContext

    per = Client()
    per.force_login(coordinator.user)
    assert "Steinkjer" in per.get("/kommuner/?q=stein").content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert "Steinkjer" in per.get("/kommuner/?q=stein").content.decode()
    assert not [q for q in queries.captured_queries if 'FROM "directory_municipality"' in q["sql"]]
    Municipality.objects.filter(code="5006").update(name="Steinkjer kommune")
    assert "Steinkjer kommune" in per.get("/kommuner/?q=stein").content.decode()


@pytest.mark.urls("samskap.core.tests.pagecache_urls")
@pytest.mark.parametrize("url", ["/cookie/", "/session/", "/private/"])
def test_an_answer_that_sets_a_cookie_writes_the_session_or_is_private_is_never_stored(url: str) -> None:
    from samskap.core.tests import pagecache_urls

    pagecache_urls.CALLS.clear()
    control = [Client().get("/plain/") for _ in range(2)]
    assert [r.content for r in control] == [b"plain 1", b"plain 1"]  # the cache is on for these URLs
    assert control[1][STATUS_HEADER] == "hit"
    answers = [Client().get(url) for _ in range(2)]  # two visitors without cookies
    bodies = [r.content.decode() for r in answers]
    assert bodies[0].endswith(" 1") and bodies[1].endswith(" 2")  # the view ran both times
    assert all(r.get(STATUS_HEADER) != "hit" for r in answers)
