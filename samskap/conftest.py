"""Shared fixtures: reference data, personas, a real SMTP server and real headless Chromium."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from samskap.directory import testing

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop.

CHROMIUM = os.environ.get("SAMSKAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]
AXE_JS = Path(__file__).parent / "core" / "static" / "vendor" / "axe" / "axe.min.js"


@pytest.fixture(autouse=True)
def _test_settings(settings: Any, tmp_path: Path) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Brokering: no index snapshots unless a test turns them on; every search sees the latest catalogue.
    settings.SAMSKAP_INDEX_SNAPSHOTS = False
    settings.SAMSKAP_INDEX_DIR = tmp_path / "index"
    settings.SAMSKAP_INDEX_CHECK_SECONDS = 0.0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "nb"
    # The public page cache needs committed transactions to notice writes (on_commit): off in tests that
    # roll back, on in the browser tests (a live server commits) and in the page cache's own tests.
    settings.SAMSKAP_PAGE_CACHE_SECONDS = 0
    from django.core.cache import cache, caches

    cache.clear()  # login rate limits (allauth) are counted in the cache: every test starts afresh
    caches["pages"].clear()  # a flushed database starts its content version again
    from samskap.core.changes import KeptAnswers

    KeptAnswers.forget_all()  # likewise the answers kept per process (roles, languages; user ids come back)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """Load the reference data once into the test database; tests roll back to this state."""
    from samskap.directory.actions import load_reference_data

    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture
def reference(db: None) -> None:
    """Counties and the 357 municipalities (loaded once per database state)."""
    from samskap.directory.actions import load_reference_data
    from samskap.directory.models import Municipality

    if not Municipality.objects.exists():
        load_reference_data()


@pytest.fixture
def coordinator(reference: None) -> testing.Persona:
    return testing.coordinator()


@pytest.fixture
def contact_steinkjer(reference: None) -> testing.Persona:
    return testing.contact_steinkjer()


@pytest.fixture
def contact_namsos(reference: None) -> testing.Persona:
    return testing.contact_namsos()


@pytest.fixture
def contact_surnadal(reference: None) -> testing.Persona:
    return testing.contact_surnadal()


@pytest.fixture
def researcher(reference: None) -> testing.Persona:
    return testing.researcher()


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[list[Any]]:
    """A real aiosmtpd server on loopback; yields the list of received messages."""
    from email import message_from_bytes

    from aiosmtpd.controller import Controller

    received: list[Any] = []

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
            received.append(message_from_bytes(envelope.original_content or envelope.content))
            return "250 OK"

    # aiosmtpd cannot start on port 0 (it connects to the port to check itself): pick a free one first.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    try:
        yield received
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs Debian's chromium.")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: Any, settings: Any) -> Iterator[Any]:
    settings.SAMSKAP_PAGE_CACHE_SECONDS = 60  # as in production: every browser flow runs with the page cache
    context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


def assert_no_axe_violations(page: Any) -> None:
    """Run axe-core (WCAG 2.1 A/AA rules) in the page and fail on any violation."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # From the server's own static files: the Content-Security-Policy refuses an inline script tag.
        page.add_script_tag(url="/static/vendor/axe/axe.min.js")
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in result["violations"]
    ]
    assert violations == [], f"axe violations on {page.url}:\n" + "\n".join(violations)


def login(page: Any, username: str, password: str = testing.PASSWORD) -> None:
    page.goto("/logg-inn/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", password)
    page.click("form.form-grid button[type=submit]")
    page.wait_for_load_state()
