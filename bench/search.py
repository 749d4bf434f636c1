"""Search at archive scale: p50/p95 latency over 100,000 generated Arabic articles.

Runs against its own database (``newsroom_bench``) on the same server the project uses,
so the development newsroom is untouched. Generation happens once; later runs reuse it.

    .venv/bin/python -m bench.search [--articles 100000] [--queries 300]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("NEWSROOM_DB_NAME", "newsroom_bench")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles import search  # noqa: E402
from articles.models import Article, Section  # noqa: E402
from articles.relevance import DEMO  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def vocabulary() -> tuple[list[str], list[str]]:
    content = json.loads((DEMO / "content.json").read_text(encoding="utf-8"))
    text = " ".join(search.plain_text(a["body"]) + " " + a["title"] for a in content["articles"])
    words = [w.strip('«»،.,:؛()"') for w in text.split()]
    words = [w for w in words if len(w) > 1]
    queries = [q["query"] for q in json.loads((DEMO / "relevance.json").read_text())["queries"]]
    return words, queries


def generate(total: int, words: list[str]) -> None:
    existing = Article.objects.count()
    if existing >= total:
        print(f"archive: {existing} articles already there")
        return
    rng = random.Random(42)
    sections = [
        Section.objects.get_or_create(slug=f"bench-{i}", defaults={"name": f"قسم {i}", "order": i})[
            0
        ]
        for i in range(8)
    ]
    now = timezone.now()
    started = time.perf_counter()
    batch = 5000
    for offset in range(existing, total, batch):
        rows, index_rows = io.StringIO(), io.StringIO()
        for n in range(offset, min(total, offset + batch)):
            title = " ".join(rng.choices(words, k=rng.randint(6, 12)))
            deck = " ".join(rng.choices(words, k=20))
            body = "".join("<p>" + " ".join(rng.choices(words, k=40)) + "</p>" for _p in range(4))
            published = now - timedelta(minutes=n * 7)
            fields = [
                title, f"bench-{n}", deck, "عين للأنباء", "الرباط", body, "", "[]", "", "", "",
                str(rng.choice(sections).pk), "published", published.isoformat(), "ar", "f",
                published.isoformat(), published.isoformat(), "1",
            ]  # fmt: skip
            rows.write("\t".join(f.replace("\t", " ") for f in fields) + "\n")
        columns = (
            "title, slug, deck, agency, city, body, image, image_renditions, image_caption, "
            "image_credit, image_alt, section_id, status, publish_at, language, "
            "reactions_closed, created_at, updated_at, version"
        )
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY articles_article ({columns}) FROM STDIN") as copy:
                copy.write(rows.getvalue())
            cursor.execute(
                "SELECT id, title, deck, body FROM articles_article "
                "WHERE search_vector IS NULL ORDER BY id"
            )
            for pk, title, deck, body in cursor.fetchall():
                texts = search.index_texts(
                    title=title, deck=deck, tags=[], body_html=body, extra=["عين للأنباء"]
                )
                index_rows.write("\t".join([str(pk), *(t for _w, *three in texts for t in three)]))
                index_rows.write("\n")
            # In the order index_texts gives the parts (search.WEIGHTS).
            columns = ", ".join(f"{w}{k} text" for w in search.WEIGHTS.lower() for k in (1, 2, 3))
            cursor.execute(f"CREATE TEMP TABLE bench_index (id bigint, {columns})")
            with cursor.cursor.copy("COPY bench_index FROM STDIN") as copy:
                copy.write(index_rows.getvalue())
            # As search.document_vector: written and bare forms stemmed, exact forms not.
            vector = " || ".join(
                f"setweight(to_tsvector('{config}', i.{w.lower()}{k}), '{w}')"
                for w in search.WEIGHTS
                for k, config in ((1, search.CONFIG), (2, search.CONFIG), (3, search.EXACT_CONFIG))
            )
            cursor.execute(
                f"UPDATE articles_article a SET search_vector = {vector} "
                "FROM bench_index i WHERE a.id = i.id"
            )
            cursor.execute("DROP TABLE bench_index")
        done = min(total, offset + batch)
        rate = (done - existing) / (time.perf_counter() - started)
        print(f"\rgenerated {done}/{total} ({rate:.0f}/s)", end="", flush=True)
    print()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    words, relevance_queries = vocabulary()
    generate(args.articles, words)
    total = Article.objects.count()

    rng = random.Random(7)
    queries = [rng.choice(relevance_queries) for _ in range(args.queries // 2)]
    queries += [" ".join(rng.choices(words, k=rng.randint(1, 3))) for _ in range(args.queries // 2)]

    orm, page = [], []
    client = Client()
    for q in queries:
        parsed = search.parse_query(q)
        if parsed is None:
            continue
        started = time.perf_counter()
        results = Article.objects.published().search(parsed)
        list(results[:12])
        results.count()
        orm.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        response = client.get("/search/", {"q": q})
        page.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200

    parsed = search.parse_query("والمشاورات الساحل")
    plan = Article.objects.published().search(parsed)[:12].explain()
    # The planner picks the GIN index for rare words and the published-stories index
    # (newest first, filtered) for common ones; either way it never reads the whole table.
    uses_index = "Seq Scan on articles_article" not in plan
    lines = [
        f"search benchmark: {total} articles, {len(orm)} queries "
        f"(half from the relevance set, half random words)",
        f"  query (results + count): p50 {percentile(orm, 50):.1f} ms, "
        f"p95 {percentile(orm, 95):.1f} ms",
        f"  whole /search/ page:     p50 {percentile(page, 50):.1f} ms, "
        f"p95 {percentile(page, 95):.1f} ms",
        f"  index used, no sequential scan: {'yes' if uses_index else 'NO (missed)'}",
    ]
    report = "\n".join(lines)
    print(report)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "search.txt").write_text(report + "\n\nplan:\n" + plan + "\n", encoding="utf-8")
    return 0 if uses_index else 1


if __name__ == "__main__":
    sys.exit(main())
