from celery import shared_task
from django.utils import timezone

from partners.documents import render_pdf

from . import selectors, services
from .models import Meeting


@shared_task
def build_meeting_minutes(meeting_id: int) -> str:
    """Render a meeting's minutes to PDF and store them (storage API); returns the stored name."""
    meeting = Meeting.objects.select_related("call").get(pk=meeting_id)
    context = {
        "meeting": meeting,
        "criteria": selectors.criteria_of(meeting.call),
        "results": selectors.meeting_results(meeting),
        "present": selectors.members_present(meeting),
        "members": meeting.memberships.select_related("user", "organisation"),
        "transitions": meeting.transitions.select_related("by"),
        "built_at": timezone.now(),
    }
    pdf = render_pdf("committee/minutes_pdf.html", context)
    services.minutes_store(meeting=meeting, pdf=pdf)
    return meeting.minutes.name
