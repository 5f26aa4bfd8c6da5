"""Notifications of brokering: an accepted suggestion (to the need's contacts), an accepted expert (to the
expert, who can answer "interested" / "not now") and a researcher's interest in a need (to its contacts).
Registered from ``apps.ready``; emitted by ``actions.py``."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskap.core.actors import Actor
from samskap.core.registry import registry
from samskap.directory.models import Person
from samskap.matching.models import CatalogItem
from samskap.needs.models import Need
from samskap.needs.notices import contacts_of
from samskap.notifications.actions import notify
from samskap.notifications.models import Delivery

SUGGESTION_ACCEPTED = "matching.suggestion_accepted"
EXPERT_ACCEPTED = "matching.expert_accepted"
EXPERT_ANSWER = "matching.expert_answer"
INTEREST = "matching.interest"
INTERESTED, NOT_NOW = "interested", "not_now"


def render_suggestion_accepted(params: dict[str, Any]) -> str:
    return _("«%(item)s» was accepted as a suggestion for the need «%(need)s».") % {
        "item": params.get("item", ""), "need": params.get("need", "")}


def render_expert_accepted(params: dict[str, Any]) -> str:
    return _("You were accepted as an expert for the need «%(need)s» from %(municipality)s. Are you interested?") % {
        "need": params.get("need", ""), "municipality": params.get("municipality", "")}


def render_expert_answer(params: dict[str, Any]) -> str:
    if params.get("answer") == INTERESTED:
        return _("%(name)s is interested in working on the need «%(need)s».") % {
            "name": params.get("name", ""), "need": params.get("need", "")}
    return _("%(name)s cannot take on the need «%(need)s» now.") % {
        "name": params.get("name", ""), "need": params.get("need", "")}


def render_interest(params: dict[str, Any]) -> str:
    return _("%(name)s (%(organisation)s) is interested in your need «%(need)s».") % {
        "name": params.get("name", ""), "organisation": params.get("organisation", "") or _("no organisation"),
        "need": params.get("need", "")}


def register() -> None:
    from samskap.matching import actions

    registry.add_notification_kind(SUGGESTION_ACCEPTED, gettext_lazy("A suggestion is accepted for your need"),
                                   Delivery.IMMEDIATE, render_suggestion_accepted, order=20)
    registry.add_notification_kind(EXPERT_ACCEPTED, gettext_lazy("You are accepted as an expert for a need"),
                                   Delivery.IMMEDIATE, render_expert_accepted, order=21,
                                   replies=((INTERESTED, gettext_lazy("Interested")), (NOT_NOW, gettext_lazy("Not now"))),
                                   on_reply=actions.answer_expert_request)
    registry.add_notification_kind(EXPERT_ANSWER, gettext_lazy("An expert answers about your need"),
                                   Delivery.IMMEDIATE, render_expert_answer, order=22)
    registry.add_notification_kind(INTEREST, gettext_lazy("A researcher is interested in your need"),
                                   Delivery.IMMEDIATE, render_interest, order=23)


def need_contacts(need: Need) -> list[Any]:
    """Who is told about a need: its municipality's FoUI contacts and whoever registered it."""
    users = list(contacts_of([need.municipality_id]))
    if need.created_by is not None and need.created_by.is_active and need.created_by not in users:
        users.append(need.created_by)
    return users


def expert_of(item: CatalogItem) -> Person | None:
    """The person behind a catalogue item of kind "person" (with an account), or None."""
    if item.kind != "person" or item.source_pk is None:
        return None
    return Person.objects.filter(pk=item.source_pk, user__is_active=True).select_related("user").first()


def accepted(need: Need, item: CatalogItem, *, actor: Actor) -> None:
    url = reverse("needs:detail", args=[need.pk])
    notify(need_contacts(need), SUGGESTION_ACCEPTED, {"need": need.title, "need_id": need.pk, "item": item.title},
           url, actor=actor, key=f"need:{need.pk}:{item.external_id}")
    expert = expert_of(item)
    if expert is not None:
        notify([expert.user] if expert.user else [], EXPERT_ACCEPTED,
               {"need": need.title, "need_id": need.pk, "municipality": need.municipality.name,
                "person_id": expert.pk}, url, actor=actor, key=f"need:{need.pk}")


def expert_answered(need: Need, person: Person, answer: str, *, actor: Actor) -> None:
    notify(need_contacts(need), EXPERT_ANSWER, {"need": need.title, "need_id": need.pk, "name": person.name,
                                                "answer": answer},
           reverse("needs:detail", args=[need.pk]), actor=actor)


def interested(need: Need, person: Person, *, actor: Actor) -> None:
    org = person.organisation.name if person.organisation_id else ""  # type: ignore[union-attr]
    notify(need_contacts(need), INTEREST, {"need": need.title, "need_id": need.pk, "name": person.name,
                                           "organisation": org, "person_id": person.pk},
           reverse("needs:detail", args=[need.pk]), actor=actor, key=f"need:{need.pk}:person:{person.pk}")
