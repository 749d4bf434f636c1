# Rebuilds every story's search vector: the ف of the roots «فكر» and «فعل» is no longer taken
# for the conjunction, so that «فكرة» is not indexed as «كرة» and «فعلي» not as «علي».
# Built as the running code builds the queries, like 0009, 0012 and 0013.

from django.db import migrations


def rebuild(apps, schema_editor):
    from articles import search

    search.rebuild_vectors(
        apps.get_model("articles", "Article"), apps.get_model("articles", "TaggedArticle")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_reindex_search_prepositions_keep_alef_maqsura"),
    ]

    operations = [
        # Going back: run `manage.py rebuild_search_index` with the code you went back to.
        migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=True),
    ]
