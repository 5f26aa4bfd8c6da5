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
