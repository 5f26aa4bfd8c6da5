"""The partnering demo: slots, tables, profiles and requests on the upcoming demo workshop, so that an
organiser can plan meetings at once. Loading twice changes nothing."""

import io

from django.db.models import F

from samskap.directory import demo as directory_demo
from samskap.needs import demo as needs_demo
from samskap.partnering import demo
from samskap.partnering.models import MeetingProfile, MeetingRequest, MeetingTable, RequestStatus, TimeSlot
from samskap.workshops import demo as workshops_demo
from samskap.workshops.models import Event


def _load(out):
    directory_demo.load(out)
    needs_demo.load(out)
    workshops_demo.load(out)
    demo.load(out)


def test_demo_meetings_load_and_are_idempotent(reference):
    out = io.StringIO()
    _load(out)
    event = Event.objects.get(slug=workshops_demo.UPCOMING_SLUG)
    assert TimeSlot.objects.filter(event=event).count() == len(demo.SLOTS)
    assert TimeSlot.objects.filter(event=event, is_break=True).count() == 1
    assert MeetingTable.objects.filter(event=event).count() == 4
    assert MeetingProfile.objects.filter(registration__event=event, published=True).count() >= 3
    requests = MeetingRequest.objects.filter(event=event)
    assert requests.filter(status=RequestStatus.ACCEPTED).exists()
    assert requests.filter(status=RequestStatus.REQUESTED).exists()
    assert not requests.filter(sender=F("recipient")).exists()

    counts = (TimeSlot.objects.count(), MeetingTable.objects.count(), MeetingProfile.objects.count(),
              requests.count())
    _load(io.StringIO())
    assert counts == (TimeSlot.objects.count(), MeetingTable.objects.count(), MeetingProfile.objects.count(),
                      MeetingRequest.objects.filter(event=event).count())


