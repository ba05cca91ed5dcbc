"""Moving the attendance lock from programmes' sessions to tenants' sheets keeps every value."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("programmes", "0005_committee_withdrawn_drafts"), ("tenants", "0004_constraint_messages")]
AFTER = [("programmes", "0006_session_attendance_lock_to_tenants"), ("tenants", "0005_attendance_sheet")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_saved_attendance_keeps_its_version_time_and_author_through_the_move():
    apps = migrate(BEFORE)
    try:
        User = apps.get_model("partners", "User")
        Programme = apps.get_model("programmes", "Programme")
        Activity = apps.get_model("programmes", "Activity")
        Session = apps.get_model("programmes", "Session")
        author = User.objects.create(email="nadia@mille-sourires.fr", first_name="Nadia")
        programme = Programme.objects.create(
            name="Mille Aiguilles", slug="mille-aiguilles", start_date=datetime.date(2024, 1, 1)
        )
        activity = Activity.objects.create(programme=programme, kind="workshop", title="Couture")
        saved_at = timezone.make_aware(datetime.datetime(2024, 3, 5, 12, 40))
        slot = {"start_time": datetime.time(9, 30), "end_time": datetime.time(12, 30)}
        saved = Session.objects.create(
            activity=activity,
            date=datetime.date(2024, 3, 5),
            attendance_version=3,
            attendance_saved_at=saved_at,
            attendance_saved_by=author,
            **slot,
        )
        never = Session.objects.create(activity=activity, date=datetime.date(2024, 3, 12), **slot)

        apps = migrate(AFTER)
        AttendanceSheet = apps.get_model("tenants", "AttendanceSheet")
        sheet = AttendanceSheet.objects.get(session_id=saved.pk)
        assert (sheet.version, sheet.saved_at, sheet.saved_by_id) == (3, saved_at, author.pk)
        assert not AttendanceSheet.objects.filter(session_id=never.pk).exists()

        # And back: the columns get their values again.
        apps = migrate(BEFORE)
        restored = apps.get_model("programmes", "Session").objects.get(pk=saved.pk)
        assert (restored.attendance_version, restored.attendance_saved_at, restored.attendance_saved_by_id) == (
            3,
            saved_at,
            author.pk,
        )
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
