from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samskap.core.forms import add_action_errors
from samskap.core.options import options_response
from samskap.core.pagecache import public_page
from samskap.directory.permissions import is_coordinator
from samskap.matching import services
from samskap.opportunities import actions, exports, feeds, ical, queries
from samskap.opportunities.agreement import agreement_docx
from samskap.opportunities.catalog import KIND
from samskap.opportunities.forms import (
    AcceptForm,
    CompleteForm,
    CreateOpportunityForm,
    FilterForm,
    OpportunityForm,
    RejectForm,
    RenewForm,
    SketchForm,
    VetForm,
)
from samskap.opportunities.models import Agreement, Opportunity, Sketch, SketchStatus, Status
from samskap.opportunities.permissions import (
    can_decide_sketch,
    can_edit,
    can_see_sketch,
    can_send_sketch,
    can_vet,
    is_vetter,
    organisation_ids,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FITTING = (("person", "researchers"), ("group", "groups"), ("need", "needs"))


def _filtered(request: HttpRequest) -> tuple[FilterForm, Any]:
    form = FilterForm(request.GET or None)
    qs = queries.filter_opportunities(queries.catalogue(), **form.filters())
    return form, qs.order_by("-published_at", "-created_at")


@public_page
def opportunity_list(request: HttpRequest) -> HttpResponse:
    form, qs = _filtered(request)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    user = request.user
    return render(request, "opportunities/list.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "can_create": is_coordinator(user) or bool(organisation_ids(user)),
        "is_vetter": is_vetter(user), "to_vet": queries.awaiting_vetting(user).count() if is_vetter(user) else 0,
        "to_renew": queries.to_renew(user).count(),
    })


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(request, "opportunities/mine.html", {
        "opportunities": queries.own_opportunities(user).order_by("status", "-updated_at"),
        "to_renew": queries.to_renew(user), "sketches": queries.sent_sketches(user),
    })


@login_required
def vetting(request: HttpRequest) -> HttpResponse:
    if not is_vetter(request.user):
        raise PermissionDenied(_("Only coordinators and designated vetting contacts vet opportunities."))
    return render(request, "opportunities/vetting.html",
                  {"opportunities": queries.awaiting_vetting(request.user).order_by("updated_at")})


def _fitting(opportunity: Opportunity) -> list[dict[str, Any]]:
    """Researchers, research groups and needs in other municipalities that fit, from the index only: the
    opportunity's stored query vector, or the words alone if it has not been embedded yet (never embeds)."""
    vector = services.stored_query_vector(f"{KIND}:{opportunity.pk}")
    own = opportunity.organisation.municipality_id or opportunity.municipality_id
    groups = []
    for kind, name in FITTING:
        exclude = (lambda ci: own in (ci.meta or {}).get("municipalities", [])) if kind == "need" and own else None
        try:
            results = services.search(opportunity.full_text(), kinds=[kind], top=5, exclude=exclude,
                                      query_vector=vector, mode="hybrid" if vector is not None else "bm25")
        except services.QueryError:
            results = services.Results()
        groups.append({"kind": kind, "name": name, "results": results})
    return groups


@public_page
def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = get_object_or_404(queries.visible_opportunities(request.user), pk=pk)
    user = request.user
    editor = can_edit(user, opportunity)
    sketches = queries.visible_sketches(user, opportunity)
    own_sketch = sketches.filter(sender=user).first() if user.is_authenticated else None
    return render(request, "opportunities/detail.html", {
        "opportunity": opportunity, "can_edit": editor, "can_vet": can_vet(user, opportunity),
        "can_send": can_send_sketch(user, opportunity) and opportunity.is_open and own_sketch is None,
        "sketches": sketches, "own_sketch": own_sketch,
        "sketch_counts": queries.sketch_counts(opportunity) if editor else None,
        "vet_form": VetForm(), "sketch_form": SketchForm(initial={"sender_name": _default_name(user)}),
        "complete_form": CompleteForm(), "renew_form": RenewForm(),
        "agreements": Agreement.objects.filter(sketch__in=sketches, sketch__status=SketchStatus.ACCEPTED)
        .select_related("sketch"),
        "fitting": _fitting(opportunity) if opportunity.status in (Status.PUBLISHED, Status.VETTED, Status.TAKEN)
        or editor else [],
    })


def _default_name(user: Any) -> str:
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    return person.name if person is not None else ""


def _data(form: Any) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("organisation", None)
    return data


def _require_create(request: HttpRequest) -> None:
    if not (is_coordinator(request.user) or organisation_ids(request.user)):
        raise PermissionDenied(_("Only people of an organisation in the directory and coordinators may register "
                                 "opportunities."))


def _editable(request: HttpRequest, pk: int) -> Opportunity:
    opportunity = get_object_or_404(queries.visible_opportunities(request.user), pk=pk)
    if not can_edit(request.user, opportunity):
        raise PermissionDenied(_("Only the owner organisation's people and coordinators may change this "
                                 "opportunity."))
    return opportunity


@require_GET
@login_required
def create_options(request: HttpRequest) -> HttpResponse:
    """Options of the searchable selects of the new-opportunity form (read-only): the form's own choices."""
    _require_create(request)
    return options_response(request, CreateOpportunityForm(user=request.user))


@require_GET
@login_required
def edit_options(request: HttpRequest, pk: int) -> HttpResponse:
    """Options of the searchable selects of an opportunity's edit form (read-only): the form's own choices."""
    return options_response(request, OpportunityForm(instance=_editable(request, pk), user=request.user))


@login_required
def opportunity_create(request: HttpRequest) -> HttpResponse:
    _require_create(request)
    initial = {}
    need_id = request.GET.get("need")
    if need_id and need_id.isdigit():
        initial["need"] = need_id
    form = CreateOpportunityForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = actions.create_opportunity(form.cleaned_data["organisation"], _data(form),
                                                     actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The opportunity was saved as a draft. Submit it for vetting when it is "
                                        "ready."))
            return redirect("opportunities:detail", pk=opportunity.pk)
    return render(request, "opportunities/form.html", {"form": form, "creating": True})


@login_required
def opportunity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _editable(request, pk)
    form = OpportunityForm(request.POST or None, instance=opportunity, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_opportunity(opportunity, _data(form), actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The opportunity was saved."))
            return redirect("opportunities:detail", pk=opportunity.pk)
    return render(request, "opportunities/form.html", {"form": form, "opportunity": opportunity,
                                                       "creating": False})


def _flow(request: HttpRequest, pk: int, run: Any, done: str) -> HttpResponse:
    opportunity = get_object_or_404(queries.visible_opportunities(request.user), pk=pk)
    try:
        run(opportunity)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    if not Opportunity.objects.filter(pk=pk).exists():
        return redirect("opportunities:mine")
    return redirect("opportunities:detail", pk=pk)


@require_POST
@login_required
def opportunity_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _flow(request, pk, lambda o: actions.submit_opportunity(o, actor=request.user),
                 _("The opportunity was sent for vetting."))


@require_POST
@login_required
def opportunity_vet(request: HttpRequest, pk: int) -> HttpResponse:
    form = VetForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("opportunities:detail", pk=pk)
    return _flow(request, pk, lambda o: actions.vet_opportunity(o, form.cleaned_data["decision"],
                                                                form.cleaned_data["note"], actor=request.user),
                 _("The vetting decision was saved."))


@require_POST
@login_required
def opportunity_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _flow(request, pk, lambda o: actions.publish_opportunity(o, actor=request.user),
                 _("The opportunity is published in the catalogue."))


@require_POST
@login_required
def opportunity_renew(request: HttpRequest, pk: int) -> HttpResponse:
    form = RenewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the date as YYYY-MM-DD."))
        return redirect("opportunities:detail", pk=pk)
    return _flow(request, pk, lambda o: actions.renew_opportunity(o, form.cleaned_data["expires_on"],
                                                                  actor=request.user),
                 _("The opportunity was renewed."))


@require_POST
@login_required
def opportunity_complete(request: HttpRequest, pk: int) -> HttpResponse:
    form = CompleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("opportunities:detail", pk=pk)
    return _flow(request, pk, lambda o: actions.complete_opportunity(
        o, form.cleaned_data["result_url"], form.cleaned_data["result_note"], actor=request.user),
        _("The opportunity is completed."))


@require_POST
@login_required
def opportunity_archive(request: HttpRequest, pk: int) -> HttpResponse:
    return _flow(request, pk, lambda o: actions.archive_opportunity(o, actor=request.user),
                 _("The opportunity was archived."))


@require_POST
@login_required
def opportunity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    return _flow(request, pk, lambda o: actions.delete_opportunity(o, actor=request.user),
                 _("The draft was deleted."))


@require_POST
@login_required
def sketch_send(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = get_object_or_404(queries.visible_opportunities(request.user), pk=pk)
    form = SketchForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data.pop("pdf")
        pdf = upload.read() if upload else None
        try:
            sketch = actions.send_sketch(opportunity, form.cleaned_data, pdf=pdf,
                                         pdf_name=upload.name if upload else "", actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Your sketch was sent. The owner will answer you."))
            return redirect("opportunities:sketch", pk=sketch.pk)
    return render(request, "opportunities/sketch_form.html", {"form": form, "opportunity": opportunity},
                  status=400)


def _visible_sketch(request: HttpRequest, pk: int) -> Sketch:
    sketch = get_object_or_404(Sketch.objects.select_related("opportunity", "opportunity__organisation", "sender")
                               .defer("pdf"), pk=pk)
    if not can_see_sketch(request.user, sketch):
        raise Http404
    return sketch


@login_required
def sketch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sketch = _visible_sketch(request, pk)
    agreement = Agreement.objects.filter(sketch=sketch).first()
    return render(request, "opportunities/sketch.html", {
        "sketch": sketch, "opportunity": sketch.opportunity, "agreement": agreement,
        "can_decide": can_decide_sketch(request.user, sketch) and sketch.status == SketchStatus.SENT,
        "accept_form": AcceptForm(prefix="accept"), "reject_form": RejectForm(prefix="reject"),
        "has_pdf": Sketch.objects.filter(pk=sketch.pk, pdf__isnull=False).exists(),
    })


@login_required
def sketch_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    sketch = _visible_sketch(request, pk)
    data = Sketch.objects.filter(pk=sketch.pk).values_list("pdf", flat=True).first()
    if not data:
        raise Http404
    response = HttpResponse(bytes(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slugify(sketch.pdf_name[:-4]) or "skisse"}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


def _decide(request: HttpRequest, pk: int, form: Any, run: Any, template_form: str) -> HttpResponse:
    sketch = _visible_sketch(request, pk)
    if form.is_valid():
        try:
            run(sketch, form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Your answer was saved and the sender is told."))
            return redirect("opportunities:sketch", pk=sketch.pk)
    context = {"sketch": sketch, "opportunity": sketch.opportunity, "agreement": None, "can_decide": True,
               "accept_form": AcceptForm(prefix="accept"), "reject_form": RejectForm(prefix="reject"), template_form: form,
               "has_pdf": Sketch.objects.filter(pk=sketch.pk, pdf__isnull=False).exists()}
    return render(request, "opportunities/sketch.html", context, status=400)


@require_POST
@login_required
def sketch_accept(request: HttpRequest, pk: int) -> HttpResponse:
    def run(sketch: Sketch, data: dict[str, Any]) -> Any:
        message = data.pop("message")
        return actions.accept_sketch(sketch, data, message, actor=request.user)
    return _decide(request, pk, AcceptForm(request.POST, prefix="accept"), run, "accept_form")


@require_POST
@login_required
def sketch_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, RejectForm(request.POST, prefix="reject"),
                   lambda sketch, data: actions.reject_sketch(sketch, data["message"], actor=request.user),
                   "reject_form")


@require_POST
@login_required
def sketch_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    sketch = _visible_sketch(request, pk)
    try:
        actions.withdraw_sketch(sketch, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your sketch was withdrawn."))
    return redirect("opportunities:sketch", pk=sketch.pk)


@login_required
def agreement_document(request: HttpRequest, pk: int) -> HttpResponse:
    sketch = _visible_sketch(request, pk)
    agreement = get_object_or_404(Agreement.objects.select_related(
        "sketch", "sketch__opportunity", "sketch__opportunity__organisation", "sketch__opportunity__contact"),
        sketch=sketch)
    response = HttpResponse(agreement_docx(agreement), content_type=DOCX)
    name = slugify(sketch.opportunity.title)[:60] or "avtale"
    response["Content-Disposition"] = f'attachment; filename="samarbeidsavtale-{name}.docx"'
    return response


def feed(request: HttpRequest) -> HttpResponse:
    _form, qs = _filtered(request)
    return feeds.atom_response(qs.filter(status=Status.PUBLISHED)[:50])


def ical_deadlines(request: HttpRequest) -> HttpResponse:
    _form, qs = _filtered(request)
    return ical.calendar_response(queries.filter_opportunities(qs, open_only=True),
                                  _("Deadlines of cooperation opportunities – Samskap"))


def export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    _form, qs = _filtered(request)
    # Streamed: rows are read with iterator() and written as they come, so a national catalogue is never
    # held in memory (the XLSX goes through a temporary file, the CSV straight to the client).
    name = f"samarbeidsmuligheter.{fmt}"
    if fmt == "xlsx":
        return FileResponse(exports.to_xlsx(qs.iterator(chunk_size=500)), as_attachment=True, filename=name,
                            content_type=XLSX)
    response = StreamingHttpResponse(exports.to_csv(qs.iterator(chunk_size=500)),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
