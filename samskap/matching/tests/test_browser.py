import pytest

from samskap.conftest import assert_no_axe_violations, login
from samskap.matching.testing import shared_needs
from samskap.needs.models import Need

pytestmark = pytest.mark.browser


@pytest.fixture
def two_needs(contact_steinkjer, contact_surnadal):
    return shared_needs(contact_steinkjer, contact_surnadal)


def test_contact_sees_reasons_and_accepts_a_suggestion(page, two_needs):
    mine, theirs = two_needs
    login(page, "ola.steinkjer")
    page.goto(f"/behov/{mine.pk}/")
    panel = page.locator("#suggestions")
    panel.wait_for()
    similar = panel.locator("#kind-need + ol li").first
    assert "Rekruttering av sjukepleiarar" in similar.inner_text()
    assert "Surnadal" in similar.locator(".why").inner_text()
    assert_no_axe_violations(page)
    similar.get_by_role("button", name="Godta").click()
    panel.locator(".ds-tag[data-color=success]").first.wait_for()
    assert Need.objects.get(pk=mine.pk).status == "matched"
    # Without a reload: the status box says so and the message is shown at once.
    page.locator("#need-status", has_text="Koblet").wait_for()
    assert "Avgjørelsen er lagret." in page.locator("#messages").inner_text()
    assert_no_axe_violations(page)


def test_similar_needs_appear_while_typing(page, two_needs, contact_namsos):
    login(page, "siri.namsos")
    page.goto("/behov/ny/")
    page.fill("#id_title", "Vi manglar sjukepleiarar")
    page.locator("#similar-needs a").first.wait_for()
    assert "sykepleiere" in page.locator("#similar-needs").inner_text().lower() or \
        "sjukepleiarar" in page.locator("#similar-needs").inner_text().lower()
    assert_no_axe_violations(page)


def test_shared_challenges_page(page, two_needs, coordinator):
    login(page, "kari.koordinator")
    page.goto("/megling/felles-utfordringer/")
    assert page.locator(".challenge").count() >= 1
    assert "Surnadal" in page.locator(".challenge").first.inner_text()
    assert_no_axe_violations(page)
    page.goto("/megling/?q=sjukepleiarar+i+heimetenesta")
    assert page.locator("main ol li").count() >= 1
    assert_no_axe_violations(page)
