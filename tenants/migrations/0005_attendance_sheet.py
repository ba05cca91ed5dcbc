import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def sheets_from_sessions(apps, schema_editor):
    """Every session whose attendance was saved keeps its version, time and author."""
    Session = apps.get_model("programmes", "Session")
    AttendanceSheet = apps.get_model("tenants", "AttendanceSheet")
    saved = Session.objects.filter(attendance_version__gt=0).values_list(
        "pk", "attendance_version", "attendance_saved_at", "attendance_saved_by"
    )
    AttendanceSheet.objects.bulk_create(
        AttendanceSheet(session_id=pk, version=version, saved_at=saved_at, saved_by_id=saved_by)
        for pk, version, saved_at, saved_by in saved.iterator()
    )


def sessions_from_sheets(apps, schema_editor):
    Session = apps.get_model("programmes", "Session")
    AttendanceSheet = apps.get_model("tenants", "AttendanceSheet")
    for sheet in AttendanceSheet.objects.iterator():
        Session.objects.filter(pk=sheet.session_id).update(
            attendance_version=sheet.version, attendance_saved_at=sheet.saved_at, attendance_saved_by=sheet.saved_by_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0005_committee_withdrawn_drafts"),
        ("tenants", "0004_constraint_messages"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]
    # The copy reads the session's columns: it runs before programmes drops them.
    run_before = [("programmes", "0006_session_attendance_lock_to_tenants")]

    operations = [
        migrations.CreateModel(
            name="AttendanceSheet",
            fields=[
                (
                    "session",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="attendance_sheet",
                        serialize=False,
                        to="programmes.session",
                        verbose_name="session",
                    ),
                ),
                ("version", models.PositiveIntegerField(default=0, editable=False)),
                ("saved_at", models.DateTimeField(editable=False, null=True, verbose_name="attendance saved at")),
                (
                    "saved_by",
                    models.ForeignKey(
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="attendance saved by",
                    ),
                ),
            ],
            options={"verbose_name": "attendance sheet", "verbose_name_plural": "attendance sheets"},
        ),
        migrations.RunPython(sheets_from_sessions, sessions_from_sheets),
    ]
