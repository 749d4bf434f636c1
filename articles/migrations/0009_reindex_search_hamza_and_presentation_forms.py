# Rebuilds every story's search vector: the normalisation it is built with changed (hamza on
# a carrier folds to ء, Persian and Urdu keyboard letters and Arabic presentation forms fold
# to the Arabic letters), and vectors built before would no longer meet the queries.
# Unlike other migrations it uses the code of the day (articles.search) on purpose: the
# vectors must be built as the running code builds the queries.

from django.db import migrations


def rebuild(apps, schema_editor):
    from articles import search

    search.rebuild_vectors(
        apps.get_model("articles", "Article"), apps.get_model("articles", "TaggedArticle")
    )


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0008_credit_without_label"),
    ]

    operations = [
        # Going back: run `manage.py rebuild_search_index` with the code you went back to.
        migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=True),
    ]
