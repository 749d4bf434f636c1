# Rebuilds every story's search vector: the prepositions «على» and «إلى» now keep their alef
# maqsura, so that they are no longer indexed as «علي» (the name) and «الي» («آلي»); and a
# word joining letters and digits («COP31») is also indexed by them apart («COP 31»). Built
# as the running code builds the queries, like 0009 and 0012.

from django.db import migrations


def rebuild(apps, schema_editor):
    from articles import search

    search.rebuild_vectors(
        apps.get_model("articles", "Article"), apps.get_model("articles", "TaggedArticle")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_search_words_as_written"),
    ]

    operations = [
        # Going back: run `manage.py rebuild_search_index` with the code you went back to.
        migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=True),
    ]
