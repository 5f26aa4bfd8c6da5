"""The network directory (consenting people), with CSV and vCard exports."""
from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from samskap.core.exports import csv_stream
from samskap.followup import network
from samskap.followup.forms import (
    NetworkFilterForm,
)
from samskap.followup.permissions import (
    person_of,
)
from samskap.followup.vcard import contact_row, vcard, vcards

# --- Network directory -----------------------------------------------------------------------------------------

def _network_people(request: HttpRequest) -> tuple[NetworkFilterForm, Any]:
    form = NetworkFilterForm(request.GET or None, fields_of_interest=network.interest_choices())
    people = network.listed_people()
    if form.is_valid():
        people = network.filter_people(people, form.cleaned_data)
    return form, people


@login_required
def network_view(request: HttpRequest) -> HttpResponse:
    form, people = _network_people(request)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "followup/network.html", {
        "form": form, "page": page, "query": query.urlencode(), "total": people.count(),
        "me": person_of(request.user)})


@login_required
def network_csv(request: HttpRequest) -> StreamingHttpResponse:
    _form, people = _network_people(request)
    headers = [_("Name"), _("Organisation"), _("Type of organisation"), _("County"), _("Position"),
               _("Fields of interest"), _("E-mail"), _("Phone")]
    # Streamed, row by row from the database: the whole directory is never in memory at once.
    rows = (contact_row(network.contact(p)) for p in people.iterator(chunk_size=500))
    response = StreamingHttpResponse(csv_stream(headers, rows, bom=True), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="samskap-nettverk.csv"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def network_vcard(request: HttpRequest) -> HttpResponse:
    _form, people = _network_people(request)
    response = HttpResponse(vcards(network.contact(p) for p in people), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="samskap-nettverk.vcf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def person_vcard(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(network.listed_people(), pk=pk)
    response = HttpResponse(vcard(network.contact(person)), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="samskap-{person.pk}.vcf"'
    response["Cache-Control"] = "no-store"
    return response
