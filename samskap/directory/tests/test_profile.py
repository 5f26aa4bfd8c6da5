"""My profile: a GET only reads; the first save creates the person record through the action."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse

from samskap.directory.models import Person


def test_profile_get_creates_nothing_and_first_post_creates_the_person(client, reference):
    user = get_user_model().objects.create_user("nyperson", email="ny@example.no", first_name="Ny",
                                                last_name="Person", password="x")
    client.force_login(user)
    page = client.get(reverse("directory:profile"))
    assert page.status_code == 200
    assert 'value="Ny Person"' in page.content.decode()
    assert not Person.objects.filter(user=user).exists()

    response = client.post(reverse("directory:profile"), {"name": "Ny Person", "email": "ny@example.no",
                                                          "position": "Rådgiver"})
    assert response.status_code == 302
    person = Person.objects.get(user=user)
    assert (person.name, person.position) == ("Ny Person", "Rådgiver")


def test_profile_post_updates_an_existing_person(client, researcher):
    client.force_login(researcher.user)
    response = client.post(reverse("directory:profile"), {"name": researcher.person.name, "position": "Professor"})
    assert response.status_code == 302
    assert Person.objects.filter(user=researcher.user).count() == 1
    assert Person.objects.get(user=researcher.user).position == "Professor"
