"""Searchable selects for long lists of organisations or people (issue 18).

`make_searchable(field, options_url=...)` gives a `ModelChoiceField` / `ModelMultipleChoiceField` a widget that
renders the ordinary `<select>` (which works without JavaScript) together with a WAI-ARIA combobox that
`core/combobox.js` switches on: typing asks `options_url` (a read-only GET endpoint that calls
`samskap.core.options.options_response` with the same form) for at most 20 matching options, grouped by type.
The chosen values travel in hidden inputs with the field's own name, so the form posts what the `<select>`
posted and its validation is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django import forms

LONG_LIST = 20
"""A select with more choices than this is worth searching (forms whose lists are sometimes short may check)."""

GroupOf = Callable[[Any], tuple[int, str]]
"""Which group an object is listed in: (the group's place in the list, its label)."""


class SearchableMixin:
    """Shared by the single and multiple select: where to fetch options, how to group and search them."""

    template_name = "core/widgets/searchable_select.html"
    options_url: str
    group_of: GroupOf | None
    search_fields: tuple[str, ...]

    def setup(self, *, options_url: str, group_of: GroupOf | None, search_fields: Sequence[str]) -> None:
        self.options_url = options_url
        self.group_of = group_of
        self.search_fields = tuple(search_fields)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(name, value, attrs)  # type: ignore[misc]
        widget = context["widget"]
        widget["options_url"] = self.options_url
        widget["chosen"] = [option for _group, options, _index in widget["optgroups"] for option in options
                            if option["selected"] and option["value"] not in ("", None)]
        return context


class SearchableSelect(SearchableMixin, forms.Select):
    pass


class SearchableSelectMultiple(SearchableMixin, forms.SelectMultiple):
    pass


def make_searchable(field: forms.Field, *, options_url: str, group_of: GroupOf | None = None,
                    search_fields: Sequence[str] = ("name",)) -> None:
    """Give a model choice field the searchable widget (keeping its attributes and choices)."""
    assert isinstance(field, forms.ModelChoiceField)
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    widget: SearchableSelect | SearchableSelectMultiple = (
        SearchableSelectMultiple(attrs=dict(field.widget.attrs)) if multiple
        else SearchableSelect(attrs=dict(field.widget.attrs)))
    widget.setup(options_url=options_url, group_of=group_of, search_fields=search_fields)
    widget.is_required = field.required
    widget.choices = field.choices  # type: ignore[assignment]
    field.widget = widget
