"""EXPLAIN every query of the public pages on the benchmark archive; flag full scans."""

import os
import re
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article, Author, Section  # noqa: E402

BIG_TABLES = ("articles_article", "reactions_reaction", "articles_taggedarticle", "reactions_tally")
# A sitemap page lists up to 50,000 stories: reading the table in order is its job.
WHOLE_TABLE_BY_DESIGN = {"sitemap"}


def main(hot_id: int) -> int:
    hot = Article.objects.get(pk=hot_id)
    tag = Article.objects.published().exclude(pk=hot_id).first().tags.first() or hot.tags.first()
    pages = {
        "home": "/",
        "article": hot.get_absolute_url(),
        "section": Section.objects.first().get_absolute_url(),
        "author": Author.objects.first().get_absolute_url(),
        "search": "/search/?q=الساحل",
        "feed": "/feeds/rss/",
        "sitemap": "/sitemap-articles.xml",
        "news sitemap": "/sitemap-news.xml",
        "reactions API": f"/reactions/{hot_id}/",
    }
    if tag:
        pages["hashtag"] = f"/tag/{tag.slug}/"
    # Bypass the page cache; the test client's host is the one the bench allows.
    client = Client(headers={"cookie": "sessionid=bench"}, HTTP_HOST="127.0.0.1")
    missed = 0
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as captured:
            status = client.get(url).status_code
        scans = []
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            for table in BIG_TABLES:
                if re.search(rf"Seq Scan on {table}\b", plan):
                    scans.append(table)
        verdict = "index only" if not scans else "FULL SCAN of " + ", ".join(sorted(set(scans)))
        if scans and name in WHOLE_TABLE_BY_DESIGN:
            verdict += " (by design: a page of up to 50,000 URLs)"
        else:
            missed += bool(scans)
        print(f"  {name:<14} {status}  {len(captured.captured_queries)} queries  {verdict}")
    return missed


if __name__ == "__main__":
    sys.exit(1 if main(int(sys.argv[1])) else 0)
