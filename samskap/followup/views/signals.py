"""Signals per actor: what each organisation has said it will follow up, and its contact addresses."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskap.directory.models import Organisation
from samskap.directory.permissions import require
from samskap.followup import actions
from samskap.followup.forms import (
    ContactForm,
)
from samskap.followup.models import (
    Benefit,
    OrganisationContact,
)
from samskap.followup.permissions import (
    can_manage_contacts,
)
from samskap.followup.signals import named_organisations, organisation_signals

# --- Signals per actor -----------------------------------------------------------------------------------------

@login_required
def signals_index(request: HttpRequest) -> HttpResponse:
    organisations = named_organisations().annotate(n_actions=Count("followup_actions", distinct=True))
    return render(request, "followup/signals_index.html", {"organisations": organisations})


@login_required
def signals(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("county", "municipality"), pk=pk)
    manage = can_manage_contacts(request.user, organisation)
    return render(request, "followup/signals.html", {
        "organisation": organisation, "signals": organisation_signals(organisation),
        "benefits": Benefit.objects.filter(owner_organisation=organisation).select_related("action")
        .prefetch_related("measurements").order_by("action__title", "pk"),
        "can_manage": manage, "contacts": organisation.followup_contacts.all() if manage else [],
        "contact_form": ContactForm(prefix="contact") if manage else None, "today": timezone.localdate(),
    })


@require_POST
@login_required
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    form = ContactForm(request.POST, prefix="contact")
    if form.is_valid():
        try:
            actions.add_contact(organisation, form.cleaned_data["email"], form.cleaned_data["name"], actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The contact was added."))
    else:
        require(can_manage_contacts(request.user, organisation),
                _("Only the organisation's own users and coordinators may change its contacts."))
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(reverse("followup:signals", args=[organisation.pk]) + "#contacts")


@require_POST
@login_required
def contact_remove(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(OrganisationContact.objects.select_related("organisation"), pk=pk)
    actions.remove_contact(contact, actor=request.user)
    messages.success(request, _("The contact was removed."))
    return redirect(reverse("followup:signals", args=[contact.organisation_id]) + "#contacts")
