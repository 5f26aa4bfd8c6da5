"""The registry's stores for notification kinds and start panels."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from samskap.core.registry import Registry, registry


def test_kind_twice_or_with_an_unknown_delivery_is_refused():
    fresh = Registry()
    fresh.add_notification_kind("a.b", "A", "immediate", lambda params: "")
    with pytest.raises(ImproperlyConfigured):
        fresh.add_notification_kind("a.b", "A", "digest", lambda params: "")
    with pytest.raises(ImproperlyConfigured):
        fresh.add_notification_kind("a.c", "A", "pigeon", lambda params: "")


def test_start_panels_in_order_without_the_empty_ones():
    fresh = Registry()
    fresh.add_start_panel("late", lambda request: {"template": "b.html"}, order=2)
    fresh.add_start_panel("empty", lambda request: None, order=0)
    fresh.add_start_panel("early", lambda request: {"template": "a.html", "x": 1}, order=1)
    assert fresh.start_panels(None) == [  # type: ignore[arg-type]
        {"name": "early", "template": "a.html", "x": 1}, {"name": "late", "template": "b.html"}]
    with pytest.raises(ImproperlyConfigured):
        fresh.add_start_panel("late", lambda request: None, order=3)


def test_the_domain_apps_register_their_kinds_and_panels():
    keys = [k.key for k in registry.notification_kinds()]
    assert keys == ["needs.call_opened", "needs.call_deadline", "matching.suggestion_accepted",
                    "matching.expert_accepted", "matching.expert_answer", "matching.interest",
                    "workshops.plan_published", "workshops.moved", "workshops.tables_published",
                    "followup.action_owner", "followup.action_due_soon", "followup.action_overdue",
                    "partnering.requested", "partnering.accepted", "partnering.booked", "partnering.published",
                    "partnering.reminder", "partnering.declined", "partnering.cancelled",
                    "accounts.claim_waiting", "accounts.claim_decided"]
    panels = [p.name for p in sorted(registry._start_panels.values(), key=lambda p: (p.order, p.name))]
    assert panels == ["needs", "matching", "workshops", "partnering", "followup"]
