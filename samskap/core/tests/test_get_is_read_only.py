"""A GET never writes and never embeds.

Every main page is fetched (as a coordinator, as a contact and anonymously) under `CaptureQueriesContext`:
no INSERT, UPDATE or DELETE may run, except on the session and login-bookkeeping tables. The embedding
functions of the engine are wrapped with counters (they still run): no page may embed a passage, and only
the search page with a query may embed that query.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskap.directory.models import Municipality
from samskap.matching import engine, services

ALLOWED_TABLES = {"django_session", "auth_user", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}
WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


@pytest.fixture
def site(coordinator, contact_steinkjer, researcher):
    from samskap.funding import actions as funding_actions
    from samskap.knowledge import actions as knowledge_actions
    from samskap.knowledge.tests.factories import COMPLETE
    from samskap.needs import actions as need_actions
    from samskap.workshops import actions as workshop_actions

    user = coordinator.user
    steinkjer = Municipality.objects.get(code="5006")
    need = need_actions.submit_need(steinkjer, {
        "title": "Rekruttering av sykepleiere", "description": "Vi får ikke tak i sykepleiere.", "sector": "health"}, actor=contact_steinkjer.user)
    need_actions.submit_need(steinkjer, {
        "title": "Bredbånd i grendene", "description": "Fiber mangler i flere grender.", "sector": "health"}, actor=contact_steinkjer.user)
    instrument = funding_actions.create_instrument({
        "name": "DigiFin", "owner_name": "KS", "summary": "Felles digitalisering.", "applicants": ["municipality"],
        "lead_requirement": "public", "deadlines": [timezone.localdate() + dt.timedelta(days=30)]}, actor=user)
    case = knowledge_actions.create_case(COMPLETE, [steinkjer], actor=user)
    knowledge_actions.submit_case(case, actor=user)
    knowledge_actions.publish_case(case, actor=user)
    event = workshop_actions.create_event({
        "title": "Utviklingsverksted", "slug": "verksted", "date": timezone.localdate() + dt.timedelta(days=30),
        "place": "Steinkjer", "registration_deadline": timezone.now() + dt.timedelta(days=20), "capacity": 40,
        "min_theme_size": 3, "max_group_size": 4, "tables_per_session": 6, "terms": "Navnet ditt vises."},
        sessions=2, actor=user)
    workshop_actions.create_theme(event.sessions.first(), {"title": "Helse og omsorg"}, actor=user)
    from samskap.opportunities.tests.factories import published

    opportunity = published()
    services.reset_cache()
    services.sync_all()
    services.embed_pending()
    # One need is in the catalogue but not embedded yet (its background task has not run): pages must
    # show what is indexed and leave the embedding to the task.
    need_actions.submit_need(steinkjer, {
        "title": "Trygg skolevei", "description": "Barna sykler langs fylkesveien.", "sector": "health"}, actor=contact_steinkjer.user)
    services.sync_kind("need")
    assert services.pending_vectors().exists()
    from samskap.accounts import actions as account_actions
    from samskap.accounts.tokens import make_token

    invitation = account_actions.invite("ny@example.org", "foui_contact", ["5006"], actor=user)
    yield {"need": need, "instrument": instrument, "case": case, "event": event,
           "municipality": steinkjer, "opportunity": opportunity,
           "invitation": make_token(invitation.pk, invitation.nonce)}
    services.reset_cache()


def pages(site):
    need, event = site["need"], site["event"]
    return [
        reverse("core:home"),
        reverse("needs:list"), reverse("needs:detail", args=[need.pk]), reverse("needs:calls"),
        reverse("matching:search"), reverse("matching:shared_challenges"),
        reverse("matching:need_suggestions", args=[need.pk]),
        reverse("funding:list"), reverse("funding:detail", args=[site["instrument"].pk]),
        reverse("directory:municipalities"), reverse("directory:municipality", args=["5006"]),
        reverse("directory:profile"),
        reverse("workshops:list"), reverse("workshops:detail", args=[event.slug]),
        reverse("workshops:register", args=[event.slug]), reverse("workshops:plan", args=[event.slug]),
        reverse("workshops:challenges", args=[event.slug]), reverse("workshops:registrations", args=[event.slug]),
        reverse("workshops:tables", args=[event.slug]),
        reverse("partnering:event", args=[event.slug]), reverse("partnering:organise", args=[event.slug]),
        reverse("partnering:run_status", args=[event.slug]), reverse("partnering:print", args=[event.slug]),
        reverse("knowledge:cases"), reverse("knowledge:case", args=[site["case"].pk]),
        reverse("knowledge:surveys"),
        reverse("outlook:index"), reverse("outlook:municipality", args=["5006"]),
        reverse("followup:index"), reverse("followup:actions"), reverse("followup:network"),
        reverse("followup:signals_index"), reverse("followup:my_data"),
        reverse("notifications:list"), reverse("notifications:preferences"),
        reverse("opportunities:list"), reverse("opportunities:detail", args=[site["opportunity"].pk]),
        reverse("opportunities:edit", args=[site["opportunity"].pk]), reverse("opportunities:mine"),
        reverse("opportunities:vetting"), reverse("opportunities:create"), reverse("opportunities:feed"),
        reverse("opportunities:ical"), reverse("opportunities:export_csv"),
        reverse("login"), reverse("account_signup"), reverse("account_reset_password"),
        reverse("accounts:overview"), reverse("accounts:invitations"), reverse("accounts:claim"),
        reverse("accounts:claims"), reverse("accounts:people"), reverse("accounts:delete"),
        reverse("account_email"), reverse("account_change_password"), reverse("mfa_index"),
        reverse("socialaccount_connections"), reverse("accounts:invitation", args=[site["invitation"]]),
    ]


@pytest.fixture
def embed_calls(monkeypatch):
    """Count calls of the engine's embedding functions; they still run (wrapped, not mocked)."""
    calls = {"embed_passages": 0, "embed_query": 0}
    for name in calls:
        original = getattr(engine, name)

        def counted(*args, __name=name, __original=original, **kwargs):
            calls[__name] += 1
            return __original(*args, **kwargs)

        monkeypatch.setattr(engine, name, counted)
    return calls


def writes(queries):
    out = []
    for query in queries:
        found = WRITE.match(query["sql"])
        if found and found.group(2).lower() not in ALLOWED_TABLES:
            out.append(query["sql"][:200])
    return out


@pytest.mark.parametrize("who", ["coordinator", "contact_steinkjer", "researcher", None])
def test_main_pages_neither_write_nor_embed(client, site, embed_calls, who, request):
    if who is not None:
        client.force_login(request.getfixturevalue(who).user)
    for url in pages(site):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code in (200, 302, 403), (url, response.status_code)
        assert writes(captured.captured_queries) == [], url
        assert embed_calls == {"embed_passages": 0, "embed_query": 0}, url


def test_profile_of_a_new_account_does_not_write(client, reference):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("uten.profil", password="x")
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("directory:profile")).status_code == 200
    assert writes(captured.captured_queries) == []


def test_search_with_a_query_writes_nothing_and_embeds_no_passage(client, site, embed_calls):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("matching:search"), {"q": "rekruttering av sykepleiere"})
    assert response.status_code == 200
    assert writes(captured.captured_queries) == []
    assert embed_calls["embed_passages"] == 0  # the query itself may be embedded


def test_the_write_check_sees_writes(client, coordinator, site):
    """The check is not vacuous: a POST that saves a need is seen."""
    client.force_login(coordinator.user)
    with CaptureQueriesContext(connection) as captured:
        client.post(reverse("needs:edit", args=[site["need"].pk]), {
            "title": "Nytt navn", "description": "Ny tekst.", "sector": "health", "language": "nb",
            "status": "submitted"})
    assert any("needs_need" in sql for sql in writes(captured.captured_queries))
