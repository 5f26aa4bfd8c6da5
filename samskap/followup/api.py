"""GET the actions of an organisation: /api/v1/followup/organisations/{id}/actions"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from samskap.api.auth import WRITE_AUTH
from samskap.directory.models import Organisation
from samskap.followup.models import Action, Application

router = Router()


class ApplicationOut(Schema):
    instrument: str
    instrument_id: int | None
    result: str
    applied_on: dt.date | None
    amount: int | None

    @staticmethod
    def resolve_instrument(obj: Application) -> str:
        return obj.instrument_display


class ActionOut(Schema):
    id: int
    title: str
    description: str
    organisation_id: int
    organisation: str
    responsible_person: str | None
    due_date: dt.date
    status: str
    progress_notes: str
    workshop: str
    theme: str
    idea: str
    follow_up: str
    applications: list[ApplicationOut]

    @staticmethod
    def resolve_organisation_id(obj: Action) -> int:
        return obj.owner_organisation_id

    @staticmethod
    def resolve_organisation(obj: Action) -> str:
        return obj.owner_organisation.name

    @staticmethod
    def resolve_responsible_person(obj: Action) -> str | None:
        from samskap.followup.signals import person_label

        return person_label(obj.owner_person) or None

    @staticmethod
    def resolve_workshop(obj: Action) -> str:
        return obj.outcome_row.group.theme.session.event.slug

    @staticmethod
    def resolve_theme(obj: Action) -> str:
        return obj.outcome_row.group.theme.title

    @staticmethod
    def resolve_idea(obj: Action) -> str:
        return obj.outcome_row.idea

    @staticmethod
    def resolve_follow_up(obj: Action) -> str:
        return obj.outcome_row.follow_up

    @staticmethod
    def resolve_applications(obj: Action) -> list[Application]:
        return list(obj.applications.all())


@router.get("/organisations/{organisation_id}/actions", response=list[ActionOut], auth=WRITE_AUTH,
            summary="The follow-up actions an organisation is responsible for")
def organisation_actions(request: HttpRequest, organisation_id: int,
                         status: str | None = None) -> QuerySet[Action]:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    qs = (Action.objects.filter(owner_organisation=organisation)
          .select_related("owner_organisation", "owner_person", "outcome_row__group__theme__session__event")
          .prefetch_related("applications__instrument").order_by("due_date", "pk"))
    if status:
        qs = qs.filter(status=status)
    return qs
