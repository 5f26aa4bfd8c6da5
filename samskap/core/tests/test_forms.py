"""`add_action_errors`: an action's ValidationError shown on a form, whichever fields it names."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from samskap.core.forms import StyledForm, add_action_errors


class NameForm(StyledForm):
    name = forms.CharField()


def test_field_errors_go_to_known_fields_and_the_rest_to_the_form():
    form = NameForm({"name": "Kari"})
    assert form.is_valid()
    add_action_errors(form, ValidationError({"name": "Taken.", "deadlines": "Twice.", "__all__": "Closed."}))
    assert form.errors["name"] == ["Taken."]
    assert sorted(form.non_field_errors()) == ["Closed.", "Twice."]
    assert "name" not in form.cleaned_data


def test_a_plain_message_goes_to_the_form():
    form = NameForm({"name": "Kari"})
    form.is_valid()
    add_action_errors(form, ValidationError(["One.", "Two."]))
    assert form.non_field_errors() == ["One.", "Two."]


class HelpForm(StyledForm):
    title = forms.CharField(label="Tittel", help_text="Kort og konkret.")
    agree = forms.BooleanField(label="Jeg godtar", help_text="Les vilkårene først.", required=False)


def test_every_described_by_id_exists_in_the_rendered_fields() -> None:
    """aria-describedby must point at the help text and the error that the shared template renders."""
    import re

    from django.template.loader import render_to_string

    form = HelpForm(data={"title": ""})
    assert not form.is_valid()
    html = render_to_string("core/form_fields.html", {"form": form})
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    described = [i for attr in re.findall(r'aria-describedby="([^"]+)"', html) for i in attr.split()]
    assert {"id_title_help", "id_agree_help", "id_title_error"} <= set(described)
    assert set(described) <= ids, set(described) - ids
