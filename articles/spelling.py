"""«هل تقصد…؟»: a correction for a search that found nothing, word by word.

Readers misspell names and places («نواكشوت» for «نواكشوط», «موريتنيا» for «موريتانيا»).
A query's words that find nothing are matched (difflib, on folded words) against the words
readers can find: the titles and decks of the newest published stories, and the names of
sections, and the hashtags and authors of those stories. Never a hidden story's words:
only ``published()`` stories make the vocabulary.

The vocabulary is built in two queries and kept in Django's cache until a story or a
section changes (or for a few minutes); no PostgreSQL extension is needed.
"""

from __future__ import annotations

import difflib
import time
from collections import Counter
from collections.abc import Callable

from django.contrib.postgres.aggregates import ArrayAgg
from django.core.cache import cache
from django.db import connections
from django.db.models import QuerySet

from articles import pagecache, search
from articles.arabic import clitic_variants, fold_word, written_words

# Stories whose title and deck make the vocabulary: the newest, as readers look for news.
VOCABULARY_STORIES = 3000
VOCABULARY_TIMEOUT = 300  # seconds
CACHE_KEY = "spelling:vocabulary:3"  # bump the number when the cached shape changes
# The page cache's surfaces whose change may change the vocabulary.
CHANGED_BY = ("home", "nav")
# Shorter words are left as typed: one letter off in four is another word, not a typo.
MIN_LETTERS = 4
CUTOFF = 0.8
# A letter dropped or added (or one changed), as typos go.
_LENGTH_SLACK = 1
# Letter pairs a candidate must share with the word (see Vocabulary.near): a change of a
# letter or two breaks at most four of them.
_PAIRS_LOST = 4


class Vocabulary:
    """Folded words, each with its spelling as most often written, and the words sharing
    each pair of letters (the word's start and end marked) to find candidates fast: a
    difflib comparison with every word of the vocabulary takes a tenth of a second."""

    def __init__(self, spellings: dict[str, str]):
        self.spellings = spellings
        self._by_pair: dict[str, list[str]] = {}
        for word in spellings:
            for pair in _pairs(word):
                self._by_pair.setdefault(pair, []).append(word)

    def __contains__(self, folded: str) -> bool:
        return folded in self.spellings

    def near(self, folded: str) -> list[str]:
        """The words that may be within a letter or two of ``folded``."""
        pairs = _pairs(folded)
        shared = Counter(w for pair in pairs for w in self._by_pair.get(pair, ()))
        return [
            word
            for word, count in shared.items()
            if count >= len(pairs) - _PAIRS_LOST and abs(len(word) - len(folded)) <= _LENGTH_SLACK
        ]


def _pairs(word: str) -> set[str]:
    marked = f"^{word}$"
    return {marked[i : i + 2] for i in range(len(marked) - 1)}


# The vocabulary this process last used, with the pair index it built for it.
_last: tuple[int, Vocabulary] | None = None


def vocabulary() -> Vocabulary:
    """The words readers can find; from the cache when it has them.

    Kept with the page cache's generations of the home page and the navigation, which
    every change to a public story and to a section bumps: the vocabulary is built afresh
    after one (a scheduled story's time coming bumps nothing: VOCABULARY_TIMEOUT).
    """
    global _last
    surfaces = [pagecache.generation_key(s) for s in CHANGED_BY]
    found = cache.get_many([CACHE_KEY, *surfaces])
    generations = tuple(found.get(key) for key in surfaces)
    kept = found.get(CACHE_KEY)
    if kept is None or kept[0] != generations:
        kept = (generations, time.time_ns(), _build_vocabulary())
        cache.set(CACHE_KEY, kept, VOCABULARY_TIMEOUT)
    _generations, built, spellings = kept
    last = _last
    if last is None or last[0] != built:
        last = _last = (built, Vocabulary(spellings))
    return last[1]


def _build_vocabulary() -> dict[str, str]:
    """Each folded word readers can find, with its spelling as most often written."""
    from articles.models import Article, Section

    # The newest stories with their hashtags and bylines, and every section's name. The
    # newest are chosen first (by the publish_at index), and only their hashtags and
    # bylines gathered: grouped then limited, the whole archive would be aggregated.
    newest_ids = Article.objects.published().order_by("-publish_at").values("pk")
    newest = (
        Article.objects.filter(pk__in=newest_ids[:VOCABULARY_STORIES])
        .annotate(
            tag_names=ArrayAgg("tags__name", distinct=True, default=[]),
            author_names=ArrayAgg("authors__name", distinct=True, default=[]),
        )
        .values_list("title", "deck", "tag_names", "author_names")
    )
    texts = [
        text
        for title, deck, tag_names, author_names in newest
        for text in (title, deck, *tag_names, *author_names)
    ]
    texts += Section.objects.values_list("name", flat=True)
    spellings: dict[str, Counter] = {}
    for text in texts:
        for word in written_words(text or ""):
            if len(word) >= MIN_LETTERS and not word.isdigit():
                spellings.setdefault(fold_word(word), Counter())[word] += 1
    return {folded: written.most_common(1)[0][0] for folded, written in spellings.items()}


def closest(word: str, words: Vocabulary) -> str | None:
    """The vocabulary's word closest to ``word``, as written; None if ``word`` is in it or
    none is close enough. A word with a conjunction or preposition glued on («بنواكشوت»)
    keeps it, when the vocabulary has the word only without.
    """
    folded = fold_word(word)
    if folded in words:
        return None
    # The word as typed, and without its clitics: the closest match of any, the longest
    # form first among equals; the clitics stay as typed.
    best, best_score = None, CUTOFF
    for form in sorted((f for f in clitic_variants(folded) if folded.endswith(f)), key=len)[::-1]:
        if form != folded and form in words:
            return None  # known, with a clitic that titles happen not to use
        if len(form) < MIN_LETTERS:
            continue
        for match in difflib.get_close_matches(form, words.near(form), n=1, cutoff=best_score):
            score = difflib.SequenceMatcher(None, match, form).ratio()
            if best is None or score > best_score:
                best, best_score = word[: len(word) - len(form)] + words.spellings[match], score
    return best


def _correctable(token: str) -> str | None:
    """The word a query's piece is, when it may be corrected: a plain word (not excluded,
    quoted, a hashtag or OR), long enough, not too common to be looked for."""
    if token[:1] in '-"#«“' or token.lower() in search._OR_WORDS:
        return None
    found = written_words(token)
    if len(found) != 1 or len(found[0]) < MIN_LETTERS or found[0].isdigit():
        return None
    if found[0] in search.STOP_WORDS:
        return None
    return found[0]


def _finds_each(words: list[str], matches: Callable[[search.ParsedQuery], QuerySet]) -> list[bool]:
    """Whether each of ``words`` alone finds a story, in one query."""
    found = [matches(search.parse_query(word)).values("pk")[:1] for word in words]
    checks, params = [], []
    for queryset in found:
        sql, queryset_params = queryset.query.sql_with_params()
        checks.append(f"EXISTS ({sql})")
        params.extend(queryset_params)
    with connections[found[0].db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(checks), params)
        return list(cursor.fetchone())


def did_you_mean(text: str, matches: Callable[[search.ParsedQuery], QuerySet]) -> str | None:
    """``text`` with its words that find nothing spelled as the closest words readers can
    find, if that finds something; else None.

    ``matches(parsed)`` gives the stories a parsed query finds (with the page's filters).
    Called only for a query that found nothing: at most four queries (the vocabulary's
    two when the cache has lost it, whether each word finds something, and whether the
    correction does).
    """
    tokens = (text or "")[: search.MAX_QUERY_CHARS].split()
    candidates = {i: word for i, token in enumerate(tokens) if (word := _correctable(token))}
    if not candidates:
        return None
    words = vocabulary()
    corrections = {i: fixed for i, word in candidates.items() if (fixed := closest(word, words))}
    if not corrections:
        return None
    # The whole query found nothing: if it has no other word, neither did this one.
    others = search.parse_query(" ".join(t for i, t in enumerate(tokens) if i not in candidates))
    if len(candidates) > 1 or others is not None:
        ids = list(corrections)
        finds = _finds_each([candidates[i] for i in ids], matches)
        corrections = {i: corrections[i] for i, found in zip(ids, finds, strict=True) if not found}
    if not corrections:
        return None
    corrected = " ".join(corrections.get(i, token) for i, token in enumerate(tokens))
    parsed = search.parse_query(corrected)
    if corrected == " ".join(tokens) or parsed is None or not matches(parsed).exists():
        return None
    return corrected
