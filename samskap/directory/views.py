from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from samskap.core.http import AuthenticatedHttpRequest
from samskap.core.pagecache import cached_section, public_page
from samskap.core.registry import registry
from samskap.directory import actions
from samskap.directory.forms import MunicipalityFilterForm, MunicipalityProfileForm, ProfileForm
from samskap.directory.models import Municipality, Person, RoleKind
from samskap.directory.permissions import can_edit_municipality


@public_page
def municipality_list(request: HttpRequest) -> HttpResponse:
    # the same for everyone: kept rendered per URL for signed-in people too (core.pagecache.cached_section)
    section = cached_section(request, "municipality-list", "everyone", "directory/_municipality_list_section.html",
                             lambda: _municipality_list_context(request))
    return render(request, "directory/municipality_list.html", {"section": section})


def _municipality_list_context(request: HttpRequest) -> dict[str, Any]:
    form = MunicipalityFilterForm(request.GET or None)
    qs = Municipality.objects.active().select_related("county")
    if form.is_valid():
        if form.cleaned_data["q"]:
            qs = qs.filter(name__icontains=form.cleaned_data["q"])
        if form.cleaned_data["county"]:
            qs = qs.filter(county=form.cleaned_data["county"])
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"form": form, "page": page, "query": query.urlencode()}


@public_page
def municipality_detail(request: HttpRequest, code: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality.objects.select_related("county"), code=code)
    contacts = (Person.objects.filter(user__roles__kind=RoleKind.FOUI_CONTACT,
                                      user__roles__municipality=municipality)
                .select_related("organisation").distinct())
    # Higher apps add their part of the page (needs: the municipality's needs) through the registry.
    return render(request, "directory/municipality_detail.html", registry.page_context("directory:municipality", request, {
        "municipality": municipality,
        "listed_contacts": [p for p in contacts if p.listed_in_directory],
        "unlisted_contacts": sum(1 for p in contacts if not p.listed_in_directory),
        "can_edit": can_edit_municipality(request.user, municipality),
    }))


@login_required
def municipality_edit(request: HttpRequest, code: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, code=code)
    if not can_edit_municipality(request.user, municipality):
        raise PermissionDenied(_("You may only edit your own municipality."))
    form = MunicipalityProfileForm(request.POST or None, instance=municipality)
    if request.method == "POST" and form.is_valid():
        actions.update_municipality_profile(municipality, form.cleaned_data["profile"], actor=request.user)
        messages.success(request, _("The profile was saved."))
        return redirect("directory:municipality", code=code)
    return render(request, "directory/municipality_form.html", {"form": form, "municipality": municipality})


@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    # A GET never writes: without a person record the form starts from the account's name and e-mail, and
    # the first POST creates the record through the action.
    person = Person.objects.filter(user=request.user).first() or Person(
        user=request.user, name=request.user.get_full_name() or request.user.get_username(),
        email=request.user.email)
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        if person.pk is None:
            person = actions.create_own_profile(form.cleaned_data, actor=request.user)
        else:
            actions.update_person(person, form.cleaned_data, actor=request.user)
        messages.success(request, _("Your profile was saved."))
        response = redirect("directory:profile")
        if person.preferred_language:
            from django.conf import settings

            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, person.preferred_language,
                                samesite="Lax", secure=settings.LANGUAGE_COOKIE_SECURE)
        return response
    roles = request.user.roles.select_related("municipality")
    return render(request, "directory/profile.html", {"form": form, "person": person, "roles": roles})
