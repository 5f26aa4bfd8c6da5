"""Fixtures of the accounts tests: a real OpenID Connect provider (npm ``oidc-provider``) as a node process."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

OIDC_DIR = Path(__file__).parent / "oidc"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def oidc_provider(live_server: Any, settings: Any) -> Iterator[dict[str, Any]]:
    """Start oidc-provider on a free loopback port, configured for the live server's callback, and point
    Samskap's single sign-on at it. Yields the test person's claims (e-mail, name)."""
    node = shutil.which("node")
    if node is None or not (OIDC_DIR / "node_modules" / "oidc-provider").exists():
        pytest.fail("The test OIDC provider is not installed: run `make assets` (npm install in "
                    f"{OIDC_DIR}).")
    port = free_port()
    callback = live_server.url + "/konto/oidc/sso/login/callback/"
    person = {"email": "sso.person@example.org", "name": "Sigrid Solberg"}
    env = {**os.environ, "OIDC_TEST_EMAIL": person["email"], "OIDC_TEST_NAME": person["name"]}
    process = subprocess.Popen([node, "provider.mjs", str(port), callback], cwd=OIDC_DIR, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read() if process.stdout else ""
                pytest.fail(f"oidc-provider did not start:\n{output}")
            time.sleep(0.1)
        issuer = f"http://127.0.0.1:{port}"
        settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [{
            "provider_id": "sso", "name": "Testkommune SSO", "client_id": "samskap",
            "secret": "samskap-test-secret",
            "settings": {"server_url": issuer, "oauth_pkce_enabled": True,
                         "scope": ["openid", "profile", "email"]},
        }]}}
        yield {**person, "issuer": issuer}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
