import pytest

from samskap.outlook.shipped import fixture_bytes


@pytest.fixture
def genuine_07459() -> bytes:
    return fixture_bytes("07459_2022_kommuner_totals_jsonstat2.json")


@pytest.fixture
def sample_projection() -> bytes:
    return fixture_bytes("sample_projection_3alt.json")


@pytest.fixture
def sample_by_age() -> bytes:
    return fixture_bytes("sample_population_by_age.json")


@pytest.fixture
def projection_held(reference, sample_projection):
    """The constructed projection (5006, 5007, 1566, 5053) imported."""
    from samskap.outlook import actions

    return actions.import_jsonstat(sample_projection, source_name="sample_projection_3alt.json", actor=actions.SYSTEM)
