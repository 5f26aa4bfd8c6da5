"""The new-need form's municipality select (issue 18): searchable for coordinators (every municipality), a plain
select for a contact of one or two municipalities."""

from __future__ import annotations

from django.urls import reverse


def test_a_coordinator_searches_every_municipality(client, coordinator) -> None:
    client.force_login(coordinator.user)
    url = reverse("needs:create_options")
    html = client.get(url, {"field": "municipality", "q": "surnad"}).content.decode()
    assert "Surnadal" in html and 'aria-label="Møre og Romsdal"' in html
    assert f'data-options-url="{url}?field=municipality"' in client.get(reverse("needs:create")).content.decode()


def test_a_contact_keeps_the_short_select_and_sees_only_their_municipality(client, contact_steinkjer,
                                                                           researcher) -> None:
    client.force_login(contact_steinkjer.user)
    assert "data-combobox" not in client.get(reverse("needs:create")).content.decode()
    client.force_login(researcher.user)
    assert client.get(reverse("needs:create_options"), {"field": "municipality"}).status_code == 403
