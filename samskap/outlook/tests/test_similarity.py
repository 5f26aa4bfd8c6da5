"""Municipalities with a similar demographic profile."""


from samskap.directory.models import Municipality
from samskap.outlook import similarity
from samskap.outlook.queries import municipality_figures, similar_municipalities


def test_profile_shares_and_growth():
    vector = similarity.profile({"0-19": 20, "20-66": 60, "67-79": 12, "80+": 8}, 5.0, 60.0)
    assert vector == (20.0, 60.0, 12.0, 8.0, 5.0, 60.0)
    assert similarity.profile({"0-19": 1}) is None
    assert similarity.profile({"0-19": 20, "20-66": 60, "67-79": 12, "80+": 8}) == (20.0, 60.0, 12.0, 8.0)


def test_nearest_neighbours_are_standardised_and_ordered():
    profiles = {
        "young": (25.0, 62.0, 9.0, 4.0, 10.0, 80.0),
        "young2": (24.0, 63.0, 9.0, 4.0, 9.0, 85.0),
        "old": (17.0, 55.0, 19.0, 9.0, -8.0, 50.0),
        "old2": (18.0, 54.0, 19.0, 9.0, -6.0, 45.0),
        "middle": (21.0, 59.0, 14.0, 6.0, 1.0, 65.0),
    }
    result = similarity.nearest("old", profiles, k=3)
    assert [code for code, _d in result][:2] == ["old2", "middle"] and result[2][0].startswith("young")
    assert result[0][1] < result[1][1] < result[2][1]
    assert similarity.nearest("missing", profiles) == []
    assert similarity.nearest("old", {"old": (1.0, 2.0)}) == []


def test_only_comparable_profiles_take_part():
    profiles = {"a": (1.0, 2.0), "b": (1.0, 2.1), "c": (1.0, 2.0, 3.0)}
    assert [code for code, _d in similarity.nearest("a", profiles)] == ["b"]


def test_similar_municipalities_from_the_database(projection_held):
    surnadal = Municipality.objects.get(code="1566")
    result = similar_municipalities(surnadal, municipality_figures(surnadal), 2024, k=2)
    assert len(result) == 2 and all(isinstance(m, Municipality) for m, _d in result)
    assert surnadal not in [m for m, _d in result]
    distances = [d for _m, d in result]
    assert distances == sorted(distances)
