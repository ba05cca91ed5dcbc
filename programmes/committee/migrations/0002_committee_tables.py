from django.db import migrations

MODELS = [
    "agendaitem",
    "application",
    "applicationpartner",
    "applicationtransition",
    "attachment",
    "call",
    "cofinancingline",
    "conflictdeclaration",
    "criterion",
    "decision",
    "meeting",
    "meetingmember",
    "meetingtransition",
    "score",
    "vote",
]


def move_content_types(apps, schema_editor, source="programmes", target="committee"):
    """Permissions and audit entries point at content types: moving the content type keeps
    them attached to the same model. A content type already made under the target label
    (by a `migrate` run between the two migrations) holds nothing yet and gives way."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        old = ContentType.objects.using(db).filter(app_label=source, model=model).first()
        if old is None:
            continue
        ContentType.objects.using(db).filter(app_label=target, model=model).delete()
        old.app_label = target
        old.save(update_fields=["app_label"])


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="committee", target="programmes")


class Migration(migrations.Migration):
    """The committee's tables (and their many-to-many tables) take the committee's name, and its
    content types move with them."""

    dependencies = [
        ("committee", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.AlterModelTable(name=model, table=None) for model in MODELS] + [
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
