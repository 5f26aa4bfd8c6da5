"""A person's own data: export, consent withdrawal, deletion requests and the coordinators' queue; unsubscribe links."""
from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from samskap.core.forms import add_action_errors
from samskap.core.http import safe_next
from samskap.directory.models import Person
from samskap.directory.permissions import require_coordinator
from samskap.followup import actions
from samskap.followup.forms import (
    DeletionRequestForm,
    RejectDeletionForm,
)
from samskap.followup.models import (
    DeletionRequest,
    DeletionStatus,
)
from samskap.followup.permissions import (
    person_of,
)
from samskap.followup.privacy import person_data

# --- Personal data ---------------------------------------------------------------------------------------------

def _my_person(request: HttpRequest) -> Person:
    person = person_of(request.user)
    if person is None:
        raise PermissionDenied(_("Your account has no profile yet. Open “My profile” first."))
    return person


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    person = _my_person(request)
    data = json.dumps(person_data(person), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="samskap-mine-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def withdraw_consent(request: HttpRequest) -> HttpResponse:
    person = _my_person(request)
    actions.withdraw_consent(person, actor=request.user)
    messages.success(request, _("You are no longer listed in the network directory."))
    return redirect(safe_next(request, request.POST.get("next"), reverse("directory:profile")))


@login_required
def deletion_request(request: HttpRequest) -> HttpResponse:
    person = _my_person(request)
    pending = DeletionRequest.objects.filter(person=person, status=DeletionStatus.PENDING).first()
    form = DeletionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.request_deletion(person, form.cleaned_data["reason"], actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Your request was sent. A coordinator will confirm the deletion."))
            return redirect("followup:deletion_request")
    return render(request, "followup/deletion_request.html", {"form": form, "pending": pending, "person": person})


@login_required
def deletion_queue(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user)
    pending = DeletionRequest.objects.filter(status=DeletionStatus.PENDING).select_related(
        "person__organisation").order_by("requested_at")
    decided = DeletionRequest.objects.exclude(status=DeletionStatus.PENDING).select_related("decided_by")[:50]
    return render(request, "followup/deletion_queue.html", {"pending": pending, "decided": decided,
                                                            "reject_form": RejectDeletionForm()})


@require_POST
@login_required
def deletion_decide(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request.user)
    deletion = get_object_or_404(DeletionRequest, pk=pk)
    try:
        if request.POST.get("decision") == "confirm":
            actions.confirm_deletion(deletion, actor=request.user)
            messages.success(request, _("The person was deleted and anonymised in past outcomes."))
        elif request.POST.get("decision") == "reject":
            actions.reject_deletion(deletion, request.POST.get("decision_note", ""), actor=request.user)
            messages.success(request, _("The request was rejected."))
        else:
            messages.error(request, _("Choose to confirm or reject the request."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("followup:deletion_queue")


# --- Unsubscribe -----------------------------------------------------------------------------------------------

@csrf_exempt  # a mail client's RFC 8058 one-click POST is passed on; the token is the authority
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Links in follow-up e-mails sent before the two unsubscribe mechanisms became one: the token was moved
    to the notifications app's subscription (migration 0003), so the same link still works there. A 307
    keeps a one-click POST a POST."""
    return redirect(reverse("notifications:unsubscribe", kwargs={"token": token}), preserve_request=True)
