"""Content-Security-Policy: the header on every page, and no template (or rendered page) that needs inline
script or inline handlers, which the policy would block."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from samskap.directory import testing

SAMSKAP = Path(__file__).resolve().parents[2]

# An inline <script> (one without src=; JSON data blocks are not executed and are allowed), an inline
# event handler, a javascript: URL, an htmx hx-on handler, a <style> element or a style="" attribute.
INLINE = [
    ("inline <script>", re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")", re.I)),
    ("on...= handler", re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)),
    ("javascript: URL", re.compile(r"javascript:", re.I)),
    ("hx-on handler", re.compile(r"\shx-on[:-]", re.I)),
    ("<style> element", re.compile(r"<style\b", re.I)),
    ("style= attribute", re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)),
]


def inline_code(text: str) -> list[str]:
    return [label for label, pattern in INLINE if pattern.search(text)]


def test_the_grep_finds_what_the_policy_blocks() -> None:
    assert inline_code('<button type="button" onclick="window.print()">') == ["on...= handler"]
    assert inline_code("<script>alert(1)</script>") == ["inline <script>"]
    assert inline_code('<span style="background: red">') == ["style= attribute"]
    assert inline_code('<a href="javascript:alert(1)">') == ["javascript: URL"]
    assert inline_code('<script src="/static/core/samskap.js" defer></script>') == []
    assert inline_code('<script type="application/json" id="x">{}</script>') == []
    assert inline_code('<button data-print hx-post="/x" hx-swap="none">') == []


def test_no_template_has_inline_scripts_handlers_or_styles() -> None:
    found = []
    for path in sorted(SAMSKAP.glob("*/templates/**/*.html")):
        for label in inline_code(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(SAMSKAP)}: {label}")
    assert found == []


def _policy(response: object) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]  # type: ignore[index]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
def test_pages_carry_the_policy_and_no_inline_code(client: Client, reference: None) -> None:
    persona = testing.contact_steinkjer()
    common = [reverse("core:home"), reverse("needs:list"), reverse("needs:calls"),
              reverse("directory:municipalities"), reverse("workshops:list"), reverse("funding:list")]
    for logged_in in (False, True):
        if logged_in:
            client.force_login(persona.user)
            pages = common + [reverse("needs:create"), reverse("directory:profile"), reverse("accounts:overview")]
        else:
            pages = common + [reverse("login")]
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            policy = _policy(response)
            assert policy["default-src"] == ["'self'"], url
            assert policy["script-src"] == ["'self'"], url
            assert "'unsafe-inline'" not in policy["style-src"] + policy["style-src-elem"], url
            assert policy["object-src"] == ["'none'"], url
            html = response.content.decode()
            assert inline_code(re.sub(r"<svg\b.*?</svg>", "", html, flags=re.S)) == [], url
            assert '<meta name="htmx-config"' in html and '"allowEval": false' in html
