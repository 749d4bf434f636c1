"""The familiar six kinds. Editors manage them afterwards in the admin."""

from django.db import migrations

KINDS = [
    ("like", "👍", "أعجبني", "Like"),
    ("love", "❤️", "أحببته", "Love"),
    ("haha", "😂", "مضحك", "Haha"),
    ("wow", "😮", "مدهش", "Wow"),
    ("sad", "😢", "حزين", "Sad"),
    ("angry", "😡", "غاضب", "Angry"),
]


def seed_kinds(apps, schema_editor):
    ReactionKind = apps.get_model("reactions", "ReactionKind")
    for order, (slug, emoji, label_ar, label_en) in enumerate(KINDS, start=1):
        ReactionKind.objects.update_or_create(
            slug=slug,
            defaults={"emoji": emoji, "label_ar": label_ar, "label_en": label_en, "order": order},
        )


def remove_kinds(apps, schema_editor):
    ReactionKind = apps.get_model("reactions", "ReactionKind")
    ReactionKind.objects.filter(slug__in=[slug for slug, *_ in KINDS], reactions=None).delete()


class Migration(migrations.Migration):
    dependencies = [("reactions", "0001_initial")]

    operations = [migrations.RunPython(seed_kinds, remove_kinds)]
