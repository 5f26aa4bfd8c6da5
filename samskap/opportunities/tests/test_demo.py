import io

from samskap.directory import demo as directory_demo
from samskap.opportunities import demo
from samskap.opportunities.models import Opportunity, Sketch
from samskap.opportunities.queries import catalogue


def test_demo_is_idempotent_and_has_every_stage(reference):
    directory_demo.load(io.StringIO())
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    assert Opportunity.objects.count() == 15
    assert Sketch.objects.count() == 2
    statuses = set(Opportunity.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "changes", "vetted", "published", "taken", "completed"} <= statuses
    assert Opportunity.objects.filter(language="nn").count() >= 3
    assert Opportunity.objects.filter(kind="public_phd").exists()
    assert Opportunity.objects.filter(kind="shared_position", organisation__name="Nord universitet").exists()
    visible = catalogue()
    assert not visible.filter(title__startswith="Havbruk").exists()  # expired
    assert not visible.filter(status="draft").exists()
