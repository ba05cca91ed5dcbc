"""Writes of programme delivery: activities and their sessions, by those who run the programme."""

import datetime

from django.db import transaction

from partners.models import User
from partners.policy import require

from ..models import Activity, Programme, Session


@transaction.atomic
def activity_create(*, programme: Programme, actor: User, kind: str, title: str, description: str = "") -> Activity:
    require(actor, "programme.run", programme)
    return Activity.objects.create(programme=programme, kind=kind, title=title, description=description)


@transaction.atomic
def activity_update(*, activity: Activity, actor: User, kind: str, title: str, description: str = "") -> Activity:
    require(actor, "programme.run", activity.programme)
    activity.kind, activity.title, activity.description = kind, title, description
    activity.save(update_fields=["kind", "title", "description"])
    return activity


@transaction.atomic
def session_create(
    *,
    activity: Activity,
    actor: User,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    place: str = "",
    capacity: int | None = None,
    facilitator: str = "",
) -> Session:
    require(actor, "programme.run", activity.programme)
    return Session.objects.create(
        activity=activity,
        date=date,
        start_time=start_time,
        end_time=end_time,
        place=place,
        capacity=capacity,
        facilitator=facilitator,
    )


SESSION_FIELDS = ("date", "start_time", "end_time", "place", "capacity", "facilitator")


@transaction.atomic
def session_update(*, session: Session, actor: User, **fields) -> Session:
    require(actor, "programme.run", session.activity.programme)
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"session_update() got unexpected fields {sorted(unknown)}")
    for name, value in fields.items():
        setattr(session, name, value)
    session.save(update_fields=list(fields))
    return session
