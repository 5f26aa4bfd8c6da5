from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from samskap.core.forms import add_action_errors
from samskap.core.options import options_response
from samskap.core.pagecache import public_page
from samskap.directory.models import Municipality
from samskap.directory.permissions import (
    contact_municipality_codes,
    is_coordinator,
    require,
    require_coordinator,
)
from samskap.knowledge import actions, charts, parsing, queries, results, search, validation
from samskap.knowledge.exports import results_xlsx
from samskap.knowledge.forms import (
    AnswerForm,
    CaseForm,
    CaseSearchForm,
    RecipientsForm,
    ReviewForm,
    SurveyForm,
)
from samskap.knowledge.models import (
    BarometerItem,
    Case,
    CaseStatus,
    ItemCategory,
    Recipient,
    Survey,
    SurveyStatus,
)
from samskap.knowledge.permissions import (
    can_create_case,
    can_edit_case,
    can_review_case,
    can_submit_case,
    can_view_case,
    can_view_results,
)

# --- cases -------------------------------------------------------------------------------------------


def _facet_links(facets: dict[str, list[dict[str, Any]]], filters: dict[str, str], q: str) -> None:
    """Add to each facet value the URL that toggles it (other filters and the search are kept)."""
    for name, values in facets.items():
        for value in values:
            params = dict(filters)
            if value["active"]:
                params.pop(name, None)
            else:
                params[name] = value["value"]
            if q:
                params["q"] = q
            value["url"] = "?" + urlencode(sorted(params.items())) if params else "?"


@public_page
def case_list(request: HttpRequest) -> HttpResponse:
    form = CaseSearchForm(request.GET or None)
    q = form.cleaned_data["q"].strip() if form.is_valid() else ""
    filters = search.clean_filters(request.GET)
    base: QuerySet[Case] = Case.objects.published()
    base, ranked = search.search_cases(base, q)
    facets = search.facet_counts(base, filters)
    _facet_links(facets, filters, q)
    cases = search.apply_filters(base, filters).prefetch_related("municipalities")
    ordered = search.in_rank_order(cases, ranked) if ranked is not None else cases.order_by("-year", "title")
    page = Paginator(ordered, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    municipality = None
    municipality_remove_url = ""
    if "municipality" in filters:
        municipality = Municipality.objects.filter(code=filters["municipality"]).first()
        params = {k: v for k, v in filters.items() if k != "municipality"} | ({"q": q} if q else {})
        municipality_remove_url = "?" + urlencode(sorted(params.items()))
    facet_titles = {"sector": _("Sector"), "innovation_type": _("Type of innovation"), "category": _("Category"),
                    "county": _("County"), "year": _("Year")}
    return render(request, "knowledge/case_list.html", {
        "form": form, "page": page, "query": query.urlencode(), "filters": filters, "q": q,
        "facets": [(name, facet_titles[name], facets[name]) for name in search.FACETS],
        "municipality_filter": municipality, "municipality_remove_url": municipality_remove_url,
        "can_create": can_create_case(request.user),
    })


@public_page
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.prefetch_related("municipalities__county"), pk=pk)
    if not can_view_case(request.user, case):
        raise Http404
    problems = {}
    if not case.is_published:
        from samskap.knowledge.completeness import check

        problems = validation.problem_messages(check(case.sections()))
    return render(request, "knowledge/case_detail.html", {
        "case": case,
        "similar": search.similar_cases(case) if case.is_published else [],
        "can_edit": can_edit_case(request.user, case),
        "can_submit": can_submit_case(request.user, case),
        "can_review": can_review_case(request.user, case) and case.status in (CaseStatus.SUBMITTED,
                                                                               CaseStatus.PUBLISHED),
        "review_form": ReviewForm(),
        "problems": problems,
    })


@require_GET
@login_required
def case_options(request: HttpRequest) -> HttpResponse:
    """Options of the new-case form's searchable municipality select (read-only): the form's own choices."""
    require(can_create_case(request.user), _("Only FoUI contacts and coordinators can register cases."))
    return options_response(request, CaseForm())


@require_GET
@login_required
def case_edit_options(request: HttpRequest, pk: int) -> HttpResponse:
    """Options of a case's edit form's searchable municipality select (read-only): the form's own choices."""
    case = get_object_or_404(Case, pk=pk)
    if not can_edit_case(request.user, case):
        raise PermissionDenied(_("You may only edit your own municipality's cases while they are drafts."))
    return options_response(request, CaseForm(instance=case))


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    require(can_create_case(request.user), _("Only FoUI contacts and coordinators can register cases."))
    initial: dict[str, Any] = {}
    own = Municipality.objects.filter(code__in=contact_municipality_codes(request.user))
    if own.count() == 1:
        only = own.first()
        initial = {"municipalities": [only], "language": only.ui_language}  # type: ignore[union-attr]
    form = CaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        municipalities = data.pop("municipalities")
        try:
            case = actions.create_case(data, municipalities, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The case was saved as a draft."))
            return redirect("knowledge:case", pk=case.pk)
    return render(request, "knowledge/case_form.html", {"form": form, "creating": True})


@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case, pk=pk)
    if not can_edit_case(request.user, case):
        raise PermissionDenied(_("You may only edit your own municipality's cases while they are drafts."))
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        municipalities = data.pop("municipalities")
        try:
            actions.update_case(case, data, municipalities, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The case was saved."))
            return redirect("knowledge:case", pk=case.pk)
    return render(request, "knowledge/case_form.html", {"form": form, "case": case, "creating": False})


@require_POST
@login_required
def case_submit(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case, pk=pk)
    try:
        actions.submit_case(case, actor=request.user)
    except ValidationError as exc:
        messages.error(request, _("The case is not complete yet. See the list of what is missing."))
        if not hasattr(exc, "error_dict"):
            messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The case was submitted for review."))
    return redirect("knowledge:case", pk=case.pk)


@require_POST
@login_required
def case_review(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case, pk=pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        if request.POST.get("decision") == "publish":
            actions.publish_case(case, actor=request.user)
            messages.success(request, _("The case is published."))
        else:
            actions.return_case(case, form.cleaned_data.get("comment", ""), actor=request.user)
            messages.success(request, _("The case was returned to its owner."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("knowledge:case", pk=case.pk)


@login_required
def case_delete(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case, pk=pk)
    if not can_edit_case(request.user, case):
        raise PermissionDenied(_("You may only delete your own municipality's cases while they are drafts."))
    if request.method == "POST":
        actions.delete_case(case, actor=request.user)
        messages.success(request, _("The case was deleted."))
        return redirect("knowledge:my_cases")
    return render(request, "knowledge/case_delete.html", {"case": case})


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    """Owners' drafts and returned cases; for coordinators also the review queue."""
    mine = (Case.objects.filter(search.owned_q(request.user)).exclude(status=CaseStatus.PUBLISHED)
            .prefetch_related("municipalities").order_by("-updated_at"))
    queue = None
    if is_coordinator(request.user):
        queue = (Case.objects.filter(status=CaseStatus.SUBMITTED).prefetch_related("municipalities")
                 .order_by("submitted_at"))
    return render(request, "knowledge/my_cases.html", {"mine": mine, "queue": queue,
                                                       "can_create": can_create_case(request.user)})


@public_page
def municipality_list(request: HttpRequest) -> HttpResponse:
    municipalities = list(search.municipalities_with_cases())
    counties: dict[str, list[Municipality]] = {}
    for m in municipalities:
        counties.setdefault(m.county.name, []).append(m)
    return render(request, "knowledge/municipality_list.html", {"counties": sorted(counties.items())})


# --- barometer ---------------------------------------------------------------------------------------


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    require(can_view_results(request.user), _("Only coordinators and FoUI contacts can see the barometer."))
    surveys = Survey.objects.annotate(n_responses=Count("responses", distinct=True),
                                      n_recipients=Count("recipients", distinct=True)).select_related("previous_round")
    return render(request, "knowledge/survey_list.html", {"surveys": surveys})


@login_required
def item_bank(request: HttpRequest) -> HttpResponse:
    require(can_view_results(request.user), _("Only coordinators and FoUI contacts can see the barometer."))
    items = BarometerItem.objects.all()
    return render(request, "knowledge/item_bank.html", {"items": items})


@login_required
def survey_create(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        items = data.pop("items")
        try:
            survey = actions.create_survey(data, items, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The survey was created. Add recipients, then send it."))
            return redirect("knowledge:survey", pk=survey.pk)
    return render(request, "knowledge/survey_form.html", {"form": form, "creating": True})


@login_required
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request.user)
    survey = get_object_or_404(Survey, pk=pk)
    if survey.status != SurveyStatus.DRAFT:
        messages.warning(request, _("A survey cannot be changed after it has been sent."))
        return redirect("knowledge:survey", pk=pk)
    form = SurveyForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        items = data.pop("items")
        try:
            actions.update_survey(survey, data, items, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The survey was saved."))
            return redirect("knowledge:survey", pk=pk)
    return render(request, "knowledge/survey_form.html", {"form": form, "survey": survey, "creating": False})


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request.user)
    survey = get_object_or_404(Survey.objects.select_related("previous_round"), pk=pk)
    form = RecipientsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rows = parsing.parse_recipients(form.cleaned_data["rows"])
            added = actions.add_recipients(survey, rows, actor=request.user)
        except ValidationError as exc:
            form.add_error("rows", exc)
        else:
            messages.success(request, ngettext("%(n)d recipient was added.", "%(n)d recipients were added.",
                                               len(added)) % {"n": len(added)})
            return redirect("knowledge:survey", pk=pk)
    recipients = survey.recipients.select_related("municipality")
    units = (survey.recipients.values("unit_name", "municipality__name").annotate(n=Count("pk"))
             .order_by("municipality__name", "unit_name"))
    small_units = [u for u in units if u["n"] < results.barometer.THRESHOLD]
    return render(request, "knowledge/survey_detail.html", {
        "survey": survey, "form": form, "recipients": recipients, "small_units": small_units,
        "items": survey.items.all(), "threshold": results.barometer.THRESHOLD,
        "answered": survey.recipients.filter(answered_at__isnull=False).count(),
        "scale_text": results.scale_text(survey.scale),
    })


@require_POST
@login_required
def survey_send(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    try:
        actions.send_survey(survey, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The survey is open. The links are being sent by e-mail."))
    return redirect("knowledge:survey", pk=pk)


@require_POST
@login_required
def survey_close(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    actions.close_survey(survey, actor=request.user)
    messages.success(request, _("The survey is closed."))
    return redirect("knowledge:survey", pk=pk)


@require_POST
@login_required
def recipient_resend(request: HttpRequest, pk: int) -> HttpResponse:
    recipient = get_object_or_404(Recipient, pk=pk)
    try:
        actions.resend_link(recipient, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("A new link is being sent to %(email)s.") % {"email": recipient.email})
    return redirect("knowledge:survey", pk=recipient.survey_id)


def _results_context(survey: Survey, by: str) -> dict[str, Any]:
    res = results.compute(survey, by)
    labels = results.grouping_labels()
    scale_axis = _("Mean on the scale 1–%(scale)d") % {"scale": survey.scale}
    table = results.item_table(res)
    visible = res.result.visible
    group_chart = None
    if visible:
        title = _("%(survey)s: mean by %(grouping)s") % {"survey": survey.title,
                                                          "grouping": labels[by].lower()}
        desc = _("Mean of all answers per %(grouping)s on the scale 1–%(scale)d; %(hidden)d groups with fewer "
                 "than %(n)d answers are hidden. The table below has the numbers.") % {
            "grouping": labels[by].lower(), "scale": survey.scale, "hidden": len(res.result.hidden),
            "n": res.result.threshold}
        group_chart = charts.horizontal_bars(
            chart_id="chart-groups", title=title, desc=desc, labels=[g.key or _("All") for g in visible],
            series=[(_("Mean"), [g.overall for g in visible])], scale=survey.scale, xlabel=scale_axis)
    overall = results.compute(survey, "all")
    category_chart = None
    category_rows = results.category_table(overall.result, res.category_labels)
    if overall.result.visible:
        group = overall.result.visible[0]
        title = _("%(survey)s: mean by topic") % {"survey": survey.title}
        desc = _("Mean of all answers per topic on the scale 1–%(scale)d (n=%(n)d). The table below has the "
                 "numbers.") % {"scale": survey.scale, "n": group.n}
        category_chart = charts.horizontal_bars(
            chart_id="chart-topics", title=title, desc=desc,
            labels=[res.category_labels.get(c, c) for c in overall.result.categories],
            series=[(str(survey.year), [group.category_means.get(c) for c in overall.result.categories])],
            scale=survey.scale, xlabel=scale_axis)
    rounds = None
    rounds_chart = None
    if res.rounds:
        rounds = results.rounds_table(res)
        all_rounds = overall.rounds
        categories = all_rounds[-1][1].categories if all_rounds else []
        series = []
        for s, r in all_rounds:
            g = r.visible[0] if r.visible else None
            series.append((str(s.year), [g.category_means.get(c) if g else None for c in categories]))
        if categories:
            title = _("%(survey)s: before and after, by topic") % {"survey": survey.title}
            desc = _("Mean per topic in each round (%(rounds)s) on the scale 1–%(scale)d. The table below has "
                     "the numbers.") % {"rounds": ", ".join(str(s.year) for s, _r in all_rounds),
                                        "scale": survey.scale}
            rounds_chart = charts.horizontal_bars(
                chart_id="chart-rounds", title=title, desc=desc,
                labels=[res.category_labels.get(c, c) for c in categories], series=series, scale=survey.scale,
                xlabel=scale_axis)
        rounds["topics"] = {"header": [str(s.year) for s, _r in all_rounds],
                            "rows": [{"label": res.category_labels.get(c, c),
                                      "values": [results.fmt(v) for v in vals]}
                                     for c, vals in zip(categories, zip(*[v for _n, v in series], strict=True),
                                                        strict=True)]}
    return {
        "survey": survey, "res": res, "by": by, "by_label": labels[by], "table": table,
        "groupings": [(g, labels[g]) for g in results.GROUPINGS],
        "group_chart": group_chart, "category_chart": category_chart, "category_rows": category_rows,
        "overall_group": overall.result.visible[0] if overall.result.visible else None,
        "rounds": rounds, "rounds_chart": rounds_chart,
        "scale_text": results.scale_text(survey.scale), "threshold": res.result.threshold,
    }


@login_required
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_view_results(request.user), _("Only coordinators and FoUI contacts can see the barometer."))
    survey = get_object_or_404(Survey.objects.select_related("previous_round"), pk=pk)
    if survey.status != SurveyStatus.CLOSED:  # no snapshots to difference while answers still come in
        return render(request, "knowledge/survey_results_pending.html",
                      {"survey": survey, "responses": survey.responses.count()})
    by = request.GET.get("by", "municipality")
    if by not in results.GROUPINGS:
        by = "municipality"
    return render(request, "knowledge/survey_results.html", _results_context(survey, by))


@login_required
def survey_export(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_view_results(request.user), _("Only coordinators and FoUI contacts can see the barometer."))
    survey = get_object_or_404(Survey, pk=pk)
    if survey.status != SurveyStatus.CLOSED:
        return redirect("knowledge:survey_results", pk=survey.pk)
    response = HttpResponse(results_xlsx(survey),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="barometer-{survey.pk}-{survey.year}.xlsx"'
    return response


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The questionnaire behind an e-mailed link. No login; the link works once."""
    recipient = queries.recipient_for_token(token)
    if recipient is None:
        raise Http404
    survey = recipient.survey
    language = recipient.municipality.ui_language
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES or request.user.is_authenticated:
        language = translation.get_language() or language
    with translation.override(language):
        context: dict[str, Any] = {"survey": survey, "recipient": recipient,
                                   "scale_text": results.scale_text(survey.scale)}
        if recipient.answered_at is not None:
            return render(request, "knowledge/answer_done.html", {**context, "already": True})
        if survey.status != SurveyStatus.OPEN:
            return render(request, "knowledge/answer_done.html", {**context, "closed": True})
        items = list(survey.items.order_by("order", "code"))
        form = AnswerForm(request.POST if request.method == "POST" else None, items=items, scale=survey.scale)
        if request.method == "POST" and form.is_valid():
            try:
                actions.submit_answers(token, form.values())
            except actions.AlreadyAnswered:
                return render(request, "knowledge/answer_done.html", {**context, "already": True})
            except actions.SurveyNotOpen:
                return render(request, "knowledge/answer_done.html", {**context, "closed": True})
            return render(request, "knowledge/answer_done.html", {**context, "thanks": True})
        sections: dict[str, list[dict[str, Any]]] = {}
        labels = dict(ItemCategory.choices)
        for question in form.questions():
            sections.setdefault(str(labels.get(question["item"].category, "")), []).append(question)
        context.update({"form": form, "sections": list(sections.items()),
                        "scale_range": list(range(1, survey.scale + 1))})
        return render(request, "knowledge/answer.html", context)
