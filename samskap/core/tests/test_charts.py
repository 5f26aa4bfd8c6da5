"""Charts draw user text literally: a ``$`` never turns into mathtext or an error."""

import matplotlib

from samskap.knowledge.charts import horizontal_bars


def test_dollar_signs_are_text():
    # "$\\x$" is a mathtext syntax error; "$5 og $10" would render as maths with mathtext on
    svg = horizontal_bars(chart_id="c1", title="Budsjett $5 og $10", desc="Kostnad $ per innbygger",
                          labels=["Enhet $\\x$", "Enhet $5 og $10"], series=[("2026", [3.0, 4.0])], scale=5,
                          xlabel="Snitt $")
    assert "Budsjett $5 og $10" in svg
    assert matplotlib.rcParams["text.parse_math"] is False
