"""Many guests registering at the same moment for the last seats, against a real gunicorn with 4 sync workers
on a database of its own (a SQLite file configured as in production, or PostgreSQL in the postgres run).

Nobody may get a 5xx ("database is locked"), nobody may be lost, and the workshop may not be overbooked:
everyone either has a seat or is on the waiting list.
"""

from __future__ import annotations

import http.client
import json
import re
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

import pytest

from samskap.core.tests.livedb import LiveDatabases

pytestmark = pytest.mark.postgres

CAPACITY = 5
ALREADY = 2  # so three seats are left
GUESTS = 50

SETUP = f"""
import json
from django.contrib.auth import get_user_model
from django.utils import timezone
import datetime as dt
from samskap.workshops import actions

admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw-admin-Samskap-1")
event = actions.create_event({{
    "title": "Siste plass", "slug": "siste-plass", "date": timezone.localdate() + dt.timedelta(days=20),
    "place": "Steinkjer", "registration_deadline": timezone.now() + dt.timedelta(days=10),
    "capacity": {CAPACITY}, "min_theme_size": 1, "max_group_size": 4, "tables_per_session": 2,
}}, sessions=1, actor=admin)
event = actions.open_registration(event, actor=admin)
session = event.sessions.get()
theme = actions.create_theme(session, {{"title": "Folkehelse"}}, actor=admin)
actions.create_theme(session, {{"title": "Bioøkonomi"}}, actor=admin)
for i in range({ALREADY}):
    actions.register(event, {{"name": f"Tidlig {{i}}", "email": f"tidlig{{i}}@example.no",
                                    "organisation_name": "Verdal kommune", "actor_type": "municipality",
                                    "accepted_terms": True}}, {{session: [theme]}}, notify=False, actor=admin)
print(json.dumps({{"slug": event.slug, "field": f"session_{{session.pk}}_1", "theme": theme.pk}}))
"""

REGISTRATIONS = """
import json
from samskap.workshops.models import Registration
print(json.dumps(list(Registration.objects.filter(event__slug="siste-plass").values_list("email", "status"))))
"""


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveDatabases]:
    live = LiveDatabases(tmp_path_factory.mktemp("live"), setup=SETUP)
    yield live
    live.close()


def _guest(base: str, path: str, field: str, theme: int, i: int, start: threading.Barrier) -> tuple[int, str]:
    """One guest's visit: open the form (CSRF cookie and token), wait for the others, send it."""
    host = urlsplit(base)
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
    try:
        conn.request("GET", path)
        page = conn.getresponse()
        html = page.read().decode()
        assert page.status == 200, (page.status, html[:500])
        cookie = next(v.split(";", 1)[0] for k, v in page.getheaders()
                      if k.lower() == "set-cookie" and v.startswith("csrftoken="))
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert match, "no CSRF token in the form"
        body = urlencode({"csrfmiddlewaretoken": match.group(1), "name": f"Gjest {i}",
                          "email": f"gjest{i}@example.no", "organisation_name": "Levanger kommune",
                          "actor_type": "municipality", field: str(theme), "accepted_terms": "on"})
        start.wait(timeout=60)
        conn.request("POST", path, body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
        answer = conn.getresponse()
        text = answer.read().decode(errors="replace")
        return answer.status, answer.getheader("Location") or text[:300]
    finally:
        conn.close()


def test_fifty_guests_register_at_once_for_the_last_three_seats(databases):
    url = databases.fresh()
    setup = json.loads(databases.setup_output.strip().splitlines()[-1])
    path = f"/verksted/{setup['slug']}/pamelding/"
    with databases.gunicorn(url, workers=4) as (base, log):
        start = threading.Barrier(GUESTS)
        with ThreadPoolExecutor(max_workers=GUESTS) as pool:
            futures = [pool.submit(_guest, base, path, setup["field"], setup["theme"], i, start)
                       for i in range(GUESTS)]
            answers = [f.result() for f in futures]
    statuses = Counter(status for status, _where in answers)
    assert statuses == {302: GUESTS}, (statuses, [a for a in answers if a[0] != 302][:5], log.read_text()[-3000:])
    assert "Traceback" not in log.read_text()

    rows = json.loads(databases.script(REGISTRATIONS, url=url))
    by_email = Counter(email for email, _status in rows)
    guests = {f"gjest{i}@example.no" for i in range(GUESTS)}
    assert {e for e in by_email if e.startswith("gjest")} == guests  # nobody lost
    assert max(by_email.values()) == 1  # nobody twice
    status = Counter(s for _e, s in rows)
    assert status == {"confirmed": CAPACITY, "waitlisted": ALREADY + GUESTS - CAPACITY}  # capacity held exactly
