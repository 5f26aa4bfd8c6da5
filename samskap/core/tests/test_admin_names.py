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


def test_every_model_in_the_admin_has_a_norwegian_name(client: Client, coordinator: testing.Persona,
                                                       settings: Any) -> None:
    """Model names come from Meta.verbose_name_plural, translated: none is left as Django's English default."""
    from django.contrib import admin
    from django.utils import translation

    user = coordinator.user
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    body = client.get("/admin/").content.decode()
    untranslated = []
    for model in admin.site._registry:
        if not model.__module__.startswith("samskap"):
            continue
        assert "verbose_name" in model._meta.original_attrs, f"{model.__name__} has no verbose_name"
        with translation.override("en"):
            english = str(model._meta.verbose_name_plural).capitalize()
        with translation.override("nb"):
            norwegian = str(model._meta.verbose_name_plural).capitalize()
        if english == norwegian:
            continue  # the same word in both (e.g. a name)
        if f">{english}<" in body:
            untranslated.append(english)
    assert untranslated == []
