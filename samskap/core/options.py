"""The options of a searchable select (`samskap.core.widgets`): search, group and render at most 20 of them.

Only ever reads. The options come from the form field's own queryset, so the endpoint offers exactly what the
form would accept and nothing else; a view builds the form as its edit page does (same permission check, same
choices) and returns `options_response(request, form)`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from samskap.core.widgets import SearchableMixin

LIMIT = 20
MAX_QUERY = 100

_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ð": "d", "þ": "th", "ß": "ss", "ł": "l"})


def fold(text: str) -> str:
    """Case- and accent-blind form of a text: "Bærum" and "baerum", "Tromsø" and "tromso", "Ålesund" and
    "alesund" fold to the same."""
    text = unicodedata.normalize("NFKD", (text or "").casefold().translate(_LETTERS))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


@dataclass
class OptionGroup:
    label: str
    options: list[tuple[str, str]] = field(default_factory=list)  # (value, label)


@dataclass
class Options:
    groups: list[OptionGroup]
    total: int  # how many matched, of which at most LIMIT are shown

    @property
    def shown(self) -> int:
        return sum(len(group.options) for group in self.groups)


def _rank(names: list[str], words: list[str]) -> int | None:
    """None if a query word is missing from all the names; else 0 (the name starts with the query), 1 (a word
    of the name does) or 2 (it is inside)."""
    text = " ".join(names)
    if not all(word in text for word in words):
        return None
    if not words:
        return 0
    phrase = " ".join(words)
    if any(name.startswith(phrase) for name in names):
        return 0
    if any(part.startswith(words[0]) for name in names for part in name.split()):
        return 1
    return 2


def search(form_field: forms.ModelChoiceField, query: str, *, limit: int = LIMIT) -> Options:
    """The field's choices whose name contains every word of ``query`` (folded), best first, at most ``limit``,
    grouped as the widget says."""
    widget = form_field.widget
    assert isinstance(widget, SearchableMixin)
    queryset = form_field.queryset
    assert queryset is not None
    words = fold(query[:MAX_QUERY]).split()
    ranked: list[tuple[int, int, Any]] = []
    for position, (pk, *names) in enumerate(queryset.values_list("pk", *widget.search_fields)):
        rank = _rank([fold(str(name)) for name in names if name], words)
        if rank is not None:
            ranked.append((rank, position, pk))
    ranked.sort(key=lambda item: item[:2])
    chosen = [pk for _rank_, _position, pk in ranked[:limit]]
    objects = {obj.pk: obj for obj in queryset.filter(pk__in=chosen)}
    groups: dict[tuple[int, str], OptionGroup] = {}
    for pk in chosen:
        obj = objects.get(pk)
        if obj is None:
            continue
        key = widget.group_of(obj) if widget.group_of else (0, "")
        group = groups.setdefault(key, OptionGroup(key[1]))
        group.options.append((str(form_field.prepare_value(obj)), str(form_field.label_from_instance(obj))))
    return Options([groups[key] for key in sorted(groups)], total=len(ranked))


def options_response(request: HttpRequest, form: forms.BaseForm) -> HttpResponse:
    """The listbox content for the searchable field named by ``?field=`` with the text ``?q=``."""
    name = request.GET.get("field", "")
    form_field = form.fields.get(name)
    if not isinstance(form_field, forms.ModelChoiceField) or not isinstance(form_field.widget, SearchableMixin):
        raise Http404("No searchable field of that name.")
    options = search(form_field, request.GET.get("q", ""))
    response = render(request, "core/widgets/searchable_options.html",
                      {"options": options, "limit": LIMIT, "more": options.total > options.shown})
    response["Cache-Control"] = "private, no-store"
    return response
