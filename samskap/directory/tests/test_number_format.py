"""Population figures are grouped by the active language: "5 953" (no-break space) in nb/nn, "5,953" in en."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from samskap.core.templatetags.numbers import num
from samskap.directory import testing
from samskap.directory.models import Municipality


@pytest.mark.parametrize(("lang", "expected"), [("nb", "5\xa0953"), ("nn", "5\xa0953"), ("en", "5,953")])
def test_num_filter_groups_by_language(lang: str, expected: str) -> None:
    with translation.override(lang):
        assert num(5953) == expected
        assert num(None) == ""
        assert num("abc") == "abc"


@pytest.mark.parametrize(("lang", "expected"), [("nb", "5\xa0953"), ("en", "5,953")])
def test_municipality_pages_group_population(client: Client, contact_steinkjer: testing.Persona,
                                             lang: str, expected: str, settings: Any) -> None:
    municipality = Municipality.objects.active().order_by("code").first()
    assert municipality is not None
    Municipality.objects.filter(pk=municipality.pk).update(population=5953)
    client.force_login(contact_steinkjer.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    for url in (reverse("directory:municipality", args=[municipality.code]), reverse("directory:municipalities") + "?q=" + municipality.name):
        body = client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert expected in body, url
        assert ">5953<" not in body, url
