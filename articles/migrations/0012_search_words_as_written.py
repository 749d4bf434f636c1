# Rebuilds every story's search vector: vectors now also hold each word as written (clitics
# aside, unstemmed), which ranks a story holding the very word asked for first. Built as the
# running code builds the queries, like 0009.

from django.db import migrations


def rebuild(apps, schema_editor):
    from articles import search

    search.rebuild_vectors(
        apps.get_model("articles", "Article"), apps.get_model("articles", "TaggedArticle")
    )


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0011_former_hashtag"),
    ]

    operations = [
        # Going back: run `manage.py rebuild_search_index` with the code you went back to.
        migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=True),
    ]
