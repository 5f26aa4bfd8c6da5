"""Django's form renderer with one shortcut: a ``<select>`` is written in Python.

Django draws each ``<option>`` of a select through two template includes; on a list page with filters
that was about a third of the page's rendering (the needs list: ~5 of 16 ms of CPU for three short
selects). ``select()`` writes the same HTML as Django's templates – character for character, which
``core/tests/test_form_renderer.py`` checks for every select the project's forms have – and falls back
to the templates for anything it does not know (another option template, a widget with its own
template)."""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict[str, Any]) -> str:
    """As ``django/forms/widgets/attrs.html``: False leaves the attribute out, True writes its name alone."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(out)


def select(widget: dict[str, Any]) -> str | None:
    """The ``<select>`` Django's ``select.html`` makes of this widget context, or None to use the template."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != OPTION:
                return None
            parts.append(f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                         f'{_attrs(option["attrs"])}>{conditional_escape(option["label"])}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FormRenderer(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name == SELECT and "widget" in context:
            html = select(context["widget"])
            if html is not None:
                return html
        return str(super().render(template_name, context, request))
