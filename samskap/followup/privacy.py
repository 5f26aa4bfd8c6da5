"""All data held about a person, as JSON-ready data (the right of access)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import timezone

from samskap.accounts.queries import verified_emails as verified_emails  # re-exported
from samskap.directory.models import Person
from samskap.followup.models import (
    Action,
    ActionChange,
    DeletionRequest,
    OrganisationContact,
    OutcomeChange,
    OutcomeRow,
    SentReminder,
)
from samskap.notifications.models import MailOptOut


def _iso(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _row(row: OutcomeRow, person: Person) -> dict[str, Any]:
    event = row.group.theme.session.event
    roles = []
    if any(p.pk == person.pk for p in row.actor_people.all()):
        roles.append("actor")
    if row.idea_owner_person_id == person.pk:
        roles.append("idea_owner")
    if person.user_id and row.created_by_id == person.user_id:
        roles.append("recorded_by")
    return {"id": row.pk, "workshop": event.slug, "theme": row.group.theme.title, "group": row.group.number,
            "idea": row.idea, "needs_and_challenges": row.needs_and_challenges, "follow_up": row.follow_up,
            "actors": row.actors_text, "roles": roles, "created": _iso(row.created_at)}


def _action(action: Action, person: Person) -> dict[str, Any]:
    return {"id": action.pk, "title": action.title, "organisation": action.owner_organisation.name,
            "responsible_person": action.owner_person_id == person.pk, "due_date": _iso(action.due_date),
            "status": action.status, "progress_notes": action.progress_notes}


def person_data(person: Person) -> dict[str, Any]:
    user = person.user
    emails = verified_emails(user)
    email_q = Q()
    for e in emails:
        email_q |= Q(email__iexact=e)
    data: dict[str, Any] = {
        "generated": _iso(timezone.now()),
        "person": {
            "name": person.name, "organisation": person.organisation.name if person.organisation else None,
            "position": person.position, "fields_of_interest": person.fields_of_interest,
            "research_fields": person.research_fields, "methods": person.methods, "projects": person.projects,
            "working_languages": person.working_languages, "email": person.email, "phone": person.phone,
            "preferred_language": person.preferred_language,
            "listed_in_directory": person.listed_in_directory, "consent_given": _iso(person.consent_at),
            "created": _iso(person.created_at), "updated": _iso(person.updated_at),
        },
        "user": None, "roles": [], "needs_created": [], "suggestions_decided": [],
    }
    if user is not None:
        data["user"] = {"username": user.get_username(), "email": user.email, "first_name": user.first_name,
                        "last_name": user.last_name, "date_joined": _iso(user.date_joined),
                        "last_login": _iso(user.last_login)}
        data["roles"] = [{"role": r.kind, "municipality": r.municipality.name if r.municipality else None,
                          "since": _iso(r.created_at)} for r in user.roles.select_related("municipality")]
        data["api_tokens"] = [{"name": t.name, "created": _iso(t.created_at), "last_used": _iso(t.last_used_at)}
                              for t in user.api_tokens.all()]
        from samskap.needs.models import Need

        data["needs_created"] = [{"id": n.pk, "title": n.title, "municipality": n.municipality.name,
                                  "status": n.status, "created": _iso(n.created_at)}
                                 for n in Need.objects.filter(created_by=user).select_related("municipality")]
        from samskap.matching.models import Suggestion

        data["suggestions_decided"] = [
            {"need": s.need.title, "suggestion": s.item.title, "decision": s.decision,
             "decided": _iso(s.decided_at)}
            for s in Suggestion.objects.filter(decided_by=user).select_related("need", "item")]
        data["outcome_changes_made"] = [
            {"row": c.row_id, "field": c.field, "at": _iso(c.at)} for c in OutcomeChange.objects.filter(by=user)]
        data["action_changes_made"] = [
            {"action": c.action_id, "field": c.field, "old": c.old, "new": c.new, "at": _iso(c.at)}
            for c in ActionChange.objects.filter(by=user)]

    from samskap.workshops.models import Registration

    registrations = Registration.objects.filter(Q(person=person) | email_q if emails else Q(person=person))
    data["registrations"] = [
        {"workshop": r.event.slug, "name": r.name, "email": r.email, "organisation": r.organisation_name,
         "actor_type": r.actor_type, "volunteer_host": r.volunteer_host,
         "volunteer_note_taker": r.volunteer_note_taker, "accepted_terms": r.accepted_terms, "status": r.status,
         "registered": _iso(r.created_at),
         "choices": [{"session": c.session.number, "theme": c.theme.title, "rank": c.rank}
                     for c in r.choices.select_related("session", "theme")],
         "groups": [{"session": a.session.number, "theme": a.group.theme.title, "group": a.group.number}
                    for a in r.assignments.select_related("session", "group__theme") if a.group is not None]}
        for r in registrations.select_related("event").distinct()]
    rows = (OutcomeRow.objects.filter(Q(actor_people=person) | Q(idea_owner_person=person)
                                      | (Q(created_by=user) if user is not None else Q(pk__in=[])))
            .distinct().select_related("group__theme__session__event").prefetch_related("actor_people"))
    data["outcome_rows"] = [_row(r, person) for r in rows]
    actions = Action.objects.filter(owner_person=person).select_related("owner_organisation")
    data["actions"] = [_action(a, person) for a in actions]
    data["deletion_requests"] = [{"status": d.status, "requested": _iso(d.requested_at), "reason": d.reason}
                                 for d in DeletionRequest.objects.filter(person=person)]
    if emails:
        data["follow_up_contact_for"] = [c.organisation.name for c in
                                         OrganisationContact.objects.filter(email_q).select_related("organisation")]
        data["mail_subscriptions"] = [{"email": s.email, "unsubscribed": _iso(s.unsubscribed_at)}
                                      for s in MailOptOut.objects.filter(email_q)]
        data["reminders_sent"] = [{"action": r.action_id, "kind": r.kind, "due_date": _iso(r.due_date),
                                   "sent": _iso(r.sent_at)} for r in SentReminder.objects.filter(email_q)]
    return data
