import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

LOCKED = ["call", "application", "meeting", "decision"]


class Migration(migrations.Migration):
    """The committee's rows use the portal's one optimistic lock: `lock_version` keeps its
    values under its new name, and who saved last and when are recorded from now on."""

    dependencies = [
        ("committee", "0002_committee_tables"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        operation
        for model in LOCKED
        for operation in (
            migrations.RenameField(model_name=model, old_name="lock_version", new_name="version"),
            migrations.AlterField(
                model_name=model,
                name="version",
                field=models.PositiveIntegerField(default=0, editable=False, verbose_name="version"),
            ),
            migrations.AddField(
                model_name=model,
                name="saved_at",
                field=models.DateTimeField(editable=False, null=True, verbose_name="last saved at"),
            ),
            migrations.AddField(
                model_name=model,
                name="saved_by",
                field=models.ForeignKey(
                    editable=False,
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="last saved by",
                ),
            ),
        )
    ]
