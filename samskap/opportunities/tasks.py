"""Background work: the e-mails that follow vetting, sketches and expiry. Run by `samskap db_worker`."""

from __future__ import annotations

from django_tasks import task

from samskap.opportunities import mail
from samskap.opportunities.models import Opportunity, Sketch


@task()
def notify_vetting(opportunity_id: int) -> int:
    opportunity = Opportunity.objects.select_related("contact", "created_by").filter(pk=opportunity_id).first()
    return mail.vetting_decided(opportunity) if opportunity else 0


@task()
def notify_sketch_sent(sketch_id: int) -> int:
    sketch = Sketch.objects.select_related("opportunity", "opportunity__contact").defer("pdf").filter(
        pk=sketch_id).first()
    return mail.sketch_sent(sketch) if sketch else 0


@task()
def notify_sketch_decided(sketch_id: int) -> int:
    sketch = Sketch.objects.select_related("opportunity", "sender").defer("pdf").filter(pk=sketch_id).first()
    return mail.sketch_decided(sketch) if sketch else 0


@task()
def notify_renewal(opportunity_id: int) -> int:
    opportunity = Opportunity.objects.select_related("contact", "created_by").filter(pk=opportunity_id).first()
    return mail.renewal_requested(opportunity) if opportunity else 0
