"""The admin index in Norwegian shows Norwegian app names (AppConfig.verbose_name is translated)."""

from __future__ import annotations

from typing import Any

from django.test import Client

from samskap.directory import testing


def test_admin_index_in_bokmal_shows_norwegian_app_names(client: Client, coordinator: testing.Persona,
                                                         settings: Any) -> None:
    user = coordinator.user
    user.is_staff = True
    user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    body = client.get("/admin/").content.decode()
    for name in ("Katalog", "Oppfølging", "Behov", "Verksteder"):
        assert name in body, name
    assert "DIRECTORY" not in body and ">Directory<" not in body
