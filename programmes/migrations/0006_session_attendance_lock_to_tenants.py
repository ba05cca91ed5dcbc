from django.db import migrations


class Migration(migrations.Migration):
    """The attendance lock now lives in tenants.AttendanceSheet, whose migration copies the
    values over first (it declares run_before this one)."""

    dependencies = [
        ("programmes", "0005_committee_withdrawn_drafts"),
    ]

    operations = [
        migrations.RemoveField(model_name="session", name="attendance_saved_at"),
        migrations.RemoveField(model_name="session", name="attendance_saved_by"),
        migrations.RemoveField(model_name="session", name="attendance_version"),
    ]
