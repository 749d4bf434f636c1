"""Credits saved with their label typed in («تصوير: رويترز») lose it: the story page writes
«(تصوير: …)» itself, and showed «تصوير: تصوير: رويترز». New saves strip it in clean()."""

import re

from django.db import migrations

# As articles.models._CREDIT_LABEL at the time of writing (a migration keeps its own copy).
CREDIT_LABEL = re.compile(
    r"^(?:\s*(?:تصوير|(?:ال)?صور[ةه]|photos?(?:\s+by)?|photograph|image|credit)\s*[:：]\s*)+",
    re.IGNORECASE,
)


def strip_labels(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    labelled = Article.objects.exclude(image_credit="").only("pk", "image_credit")
    for article in labelled.iterator():
        credit = CREDIT_LABEL.sub("", article.image_credit).strip()
        if credit != article.image_credit:
            Article.objects.filter(pk=article.pk).update(image_credit=credit)


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_lead_image_minimum_size")]

    operations = [migrations.RunPython(strip_labels, migrations.RunPython.noop)]
