"""The form renderer's Python ``<select>`` writes exactly what Django's templates write.

Compared character for character with Django's own renderer: the project's filter forms (bound and
unbound), every select widget kind Django has, attributes that are True, False, empty or hostile, option
groups, and (Hypothesis) any labels and values.
"""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from hypothesis import given, settings
from hypothesis import strategies as st

from samskap.core.formrenderer import FormRenderer, select

DJANGO = DjangoTemplates()
OURS = FormRenderer()


def _both(widget: forms.Widget, name: str, value: Any, attrs: dict[str, Any] | None = None) -> tuple[str, str]:
    return (widget.render(name, value, attrs, renderer=DJANGO), widget.render(name, value, attrs, renderer=OURS))


HOSTILE = '"><script>alert(1)</script>&amp;\''
CHOICES = [("", "Alle"), ("a", "Ålesund & Ørsta"), (HOSTILE, HOSTILE), (3, 3),
           ("Gruppe <1>", [("g1", "Én"), ("g2", "To")]), ("b", "Bø")]


@pytest.mark.parametrize("widget, value", [
    (forms.Select(choices=CHOICES), None),
    (forms.Select(choices=CHOICES), "a"),
    (forms.Select(choices=CHOICES), HOSTILE),
    (forms.Select(choices=CHOICES), "g2"),
    (forms.Select(choices=CHOICES, attrs={"class": "ds-input", "aria-invalid": "true", "required": True,
                                          "disabled": False, "data-x": "", "title": HOSTILE}), 3),
    (forms.SelectMultiple(choices=CHOICES), ["a", "g1", 3]),
    (forms.NullBooleanSelect(), True),
    (forms.NullBooleanSelect(), None),
    (forms.Select(choices=[]), None),
])
def test_every_kind_of_select_is_written_as_django_writes_it(widget: forms.Widget, value: Any) -> None:
    theirs, ours = _both(widget, "felt", value, {"id": "id_felt"})
    assert ours == theirs


@pytest.mark.django_db
@pytest.mark.parametrize("data", [None, {"county": "50", "sector": "health", "status": "open", "q": HOSTILE},
                                  {"county": "nei", "sector": HOSTILE}])
def test_the_filter_forms_render_the_same(data: dict[str, str] | None, reference: None) -> None:
    from samskap.directory.forms import MunicipalityFilterForm
    from samskap.needs.forms import NeedFilterForm

    for form_class in (NeedFilterForm, MunicipalityFilterForm):
        form = form_class(data)
        form.is_valid()
        for field in form:
            if isinstance(field.field.widget, forms.Select):
                assert field.as_widget() == field.as_widget(), "rendering is stable"
                form.renderer = DJANGO
                theirs = field.as_widget()
                form.renderer = OURS
                assert field.as_widget() == theirs


def test_an_option_with_its_own_template_falls_back_to_the_templates() -> None:
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input.html"

    widget = Custom(choices=[("a", "A")])
    assert select(widget.get_context("f", "a", None)["widget"]) is None
    theirs, ours = _both(widget, "f", "a")
    assert ours == theirs


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(texts, texts), max_size=6), st.lists(texts, max_size=3), st.booleans())
def test_any_labels_and_values(choices: list[tuple[str, str]], selected: list[str], multiple: bool) -> None:
    widget = forms.SelectMultiple(choices=choices) if multiple else forms.Select(choices=choices)
    theirs, ours = _both(widget, "f", selected if multiple else (selected[0] if selected else None))
    assert ours == theirs
