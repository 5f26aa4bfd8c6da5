"""Recorded outcomes keep their workshop theme and session from being deleted."""

import pytest
from django.core.exceptions import ValidationError

from samskap.followup import actions
from samskap.followup.tests import factories
from samskap.workshops import actions as workshop_actions
from samskap.workshops.models import Theme, WorkshopSession


def test_theme_and_session_with_outcomes_cannot_be_deleted(coordinator):
    w = factories.workshop()
    actions.add_row(w.group, {"idea": "Felles kompetanseplan", "needs_and_challenges": "Mangler oversikt",
                                                "follow_up": "Søke midler", "actors_text": "KS"}, actor=coordinator.user)
    with pytest.raises(ValidationError):
        workshop_actions.delete_theme(w.theme, actor=coordinator.user)
    with pytest.raises(ValidationError):
        workshop_actions.delete_session(w.session, actor=coordinator.user)
    assert Theme.objects.filter(pk=w.theme.pk).exists()
    assert WorkshopSession.objects.filter(pk=w.session.pk).exists()


def test_theme_without_outcomes_can_be_deleted(coordinator):
    w = factories.workshop()
    workshop_actions.delete_theme(w.theme, actor=coordinator.user)
    assert not Theme.objects.filter(pk=w.theme.pk).exists()
