"""A separate process reacting through the service, for the multi-process test.

Usage: python -m tests.reactions.worker DB_NAME ARTICLE_ID TAPS SEED READER_KEY...
"""

import os
import random
import sys


def main() -> None:
    db_name, article_id, taps, seed, *readers = sys.argv[1:]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = db_name  # the test database, not the dev one

    import django

    django.setup()
    from django.db import connection

    from articles.models import Article
    from reactions.models import ReactionKind
    from reactions.services import react

    article = Article.objects.only("pk", "reactions_closed").get(pk=int(article_id))
    kinds = list(ReactionKind.objects.active())
    rng = random.Random(int(seed))
    for _ in range(int(taps)):
        react(article=article, reader_key=rng.choice(readers), kind=rng.choice(kinds))
    connection.close()
    print("done")


if __name__ == "__main__":
    main()
