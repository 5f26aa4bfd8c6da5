from __future__ import annotations

from typing import Any

from django import template

from samskap.followup import signals

register = template.Library()


@register.filter
def person_label(person: Any) -> str:
    """A person's name if they consented to be listed, else a placeholder."""
    return signals.person_label(person)


@register.filter
def idea_owner(row: Any) -> str:
    parts = [row.idea_owner_organisation.name if row.idea_owner_organisation else "",
             signals.person_label(row.idea_owner_person), row.idea_owner_text]
    return ", ".join(p for p in parts if p)


@register.filter
def linked_actors(row: Any) -> str:
    parts = [o.name for o in row.actor_organisations.all()]
    parts += [signals.person_label(p) for p in row.actor_people.all()]
    return "; ".join(parts)


@register.filter
def is_overdue(action: Any, today: Any) -> bool:
    return bool(action.is_overdue(today))


@register.filter
def registration_label(registration: Any) -> str:
    """A participant's name (and organisation) if they consented to be listed, else a placeholder."""
    from samskap.followup.report import registration_label as label

    return label(registration)
