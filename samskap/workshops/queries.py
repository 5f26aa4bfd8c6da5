"""Reads for workshops: an event's plans, and the actor type a directory organisation has at a workshop."""

from __future__ import annotations

from samskap.directory.models import Organisation, OrgType
from samskap.workshops import regimport
from samskap.workshops.models import ActorType, Event, Plan, PlanStatus

ORG_ACTOR_TYPE: dict[str, ActorType] = {
    OrgType.MUNICIPALITY: ActorType.MUNICIPALITY,
    OrgType.RESEARCH_INSTITUTE: ActorType.RESEARCH,
    OrgType.UNIVERSITY: ActorType.RESEARCH,
    OrgType.HOSPITAL: ActorType.RESEARCH,
    OrgType.FUNDING: ActorType.FUNDING,
    OrgType.COUNTY: ActorType.FUNDING,
    OrgType.INTEREST: ActorType.FUNDING,  # e.g. KS: a support actor
}


def actor_type_for(organisation: Organisation | None) -> str:
    """The workshop actor type of a directory organisation."""
    if organisation is None:
        return ActorType.OTHER
    if organisation.org_type in ORG_ACTOR_TYPE:
        return ORG_ACTOR_TYPE[organisation.org_type]
    if organisation.org_type == OrgType.COMPANY:
        return ActorType.OTHER
    return regimport.infer_actor_type(organisation.name)


def latest_done_plan(event: Event) -> Plan | None:
    return event.plans.filter(status=PlanStatus.DONE).order_by("-created_at", "-pk").first()


def published_plan(event: Event) -> Plan | None:
    return event.plans.filter(status=PlanStatus.DONE, published=True).order_by("-created_at", "-pk").first()
