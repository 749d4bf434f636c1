"""Search quality on the hand-written relevance set (articles/demo/relevance.json).

Each query lists the demo stories a good engine returns, best first. We report
recall@10 (share of the expected stories found in the first ten results), MRR
(mean of 1/rank of the first expected story) and MAP@10 (mean average precision: 1.0
only when every expected story comes before every other result), averaged over the queries.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from articles import search
from articles.models import Article

DEMO = Path(__file__).resolve().parent / "demo"


@dataclass
class QueryResult:
    query: str
    expected: list[str]
    found: list[str]

    @property
    def recall(self) -> float:
        top = set(self.found[:10])
        return sum(key in top for key in self.expected) / len(self.expected)

    @property
    def reciprocal_rank(self) -> float:
        for rank, key in enumerate(self.found[:10], start=1):
            if key in self.expected:
                return 1 / rank
        return 0.0

    @property
    def average_precision(self) -> float:
        hits, total = 0, 0.0
        for rank, key in enumerate(self.found[:10], start=1):
            if key in self.expected:
                hits += 1
                total += hits / rank
        return total / len(self.expected)


@dataclass
class Report:
    results: list[QueryResult] = field(default_factory=list)

    @property
    def recall_at_10(self) -> float:
        return sum(r.recall for r in self.results) / len(self.results)

    @property
    def mrr(self) -> float:
        return sum(r.reciprocal_rank for r in self.results) / len(self.results)

    @property
    def map(self) -> float:
        return sum(r.average_precision for r in self.results) / len(self.results)

    def misses(self) -> list[QueryResult]:
        return [r for r in self.results if r.average_precision < 1]


def evaluate() -> Report:
    content = json.loads((DEMO / "content.json").read_text(encoding="utf-8"))
    queries = json.loads((DEMO / "relevance.json").read_text(encoding="utf-8"))["queries"]
    key_by_title = {item["title"]: item["key"] for item in content["articles"]}
    report = Report()
    for item in queries:
        parsed = search.parse_query(item["query"])
        titles = (
            list(Article.objects.published().search(parsed).values_list("title", flat=True)[:10])
            if parsed
            else []
        )
        found = [key_by_title.get(title, "?") for title in titles]
        report.results.append(QueryResult(item["query"], item["relevant"], found))
    return report
