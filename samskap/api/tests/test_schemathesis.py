"""Schemathesis against /api/v1/openapi.json: generated requests, anonymous, never a 5xx, and every
answer matches the schema the API declares (a bounded number of examples per operation)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from samskap.directory.models import ApiToken

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.mark.django_db
@override_settings(SAMSKAP_RATELIMITS={"search": "0", "similar": "0"})
@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_api_answers_every_generated_request_as_declared(case):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance, status_code_conformance])


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["contact_steinkjer", "coordinator"])
@override_settings(SAMSKAP_RATELIMITS={"search": "0", "similar": "0"})
@schema.parametrize()
@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_api_answers_as_declared_with_tokens_of_two_roles(case, persona, request):
    """A FoUI contact's and a coordinator's token: writes are refused or done, never a 5xx."""
    user = request.getfixturevalue(persona).user
    _, key = ApiToken.issue(user, "schemathesis")
    case.call_and_validate(headers={"Authorization": f"Bearer {key}"},
                           checks=[not_a_server_error, response_schema_conformance, status_code_conformance])
