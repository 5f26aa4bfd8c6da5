"""Stored web addresses are http(s) only: checked when a value is saved (model field validators, so forms,
actions calling ``full_clean`` and the admin all refuse ``javascript:`` and friends) and again when a link
is rendered (the ``safe_url`` template filter)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SCHEMES = ("http", "https")


def is_http_url(value: str) -> bool:
    """True for an absolute http(s) address with a host, or a site-relative path ("/..." but not "//")."""
    text = (value or "").strip()
    if text.startswith("/") and not text.startswith("//") and not text.startswith("/\\"):
        return True
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in SCHEMES and bool(parts.netloc)


def validate_http_url(value: str) -> None:
    if value and not is_http_url(value):
        raise ValidationError(_("Enter a web address that starts with http:// or https://."), code="url_scheme")


def validate_http_url_lines(value: str) -> None:
    """For a text field with one address per line."""
    bad = [line.strip() for line in (value or "").splitlines() if line.strip() and not is_http_url(line.strip())]
    if bad:
        raise ValidationError(
            _("Every line must be a web address that starts with http:// or https:// (not: %(lines)s)."),
            code="url_scheme", params={"lines": ", ".join(bad[:3])})
