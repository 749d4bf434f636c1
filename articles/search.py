"""Arabic full-text search on PostgreSQL.

Documents and queries go through the same normalisation (articles.arabic), then
PostgreSQL's ``arabic`` configuration stems the words. Clitic prefixes are handled
by indexing and querying the bare forms alongside the written ones; the written
forms keep their positions, so quoted phrases still match word for word.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Value
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from articles.arabic import (
    clitic_variants,
    fold_word,
    number_parts,
    prefix_variants,
    words,
    written_words,
)

CONFIG = "arabic"
# The words as written (clitics aside), unstemmed: they rank a story holding the very word
# asked for above one holding only a word of the same stem («الرياض» the city, «الرياضة»
# sport). Each is marked with a tatweel, which normalisation removes from every word, so
# that no stem of the same vector can be taken for one (the stem of «الرياضة» is «رياض»).
EXACT_CONFIG = "simple"
EXACT_MARK = "\u0640"
MAX_QUERY_CHARS = 256
MAX_TERMS = 12
MIN_WORD_CHARS = 2
MAX_CANDIDATES = 1000
_PIECES = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# Quotation marks a reader may type around a phrase: Arabic guillemets, and the curly quotes
# phones put in place of '"' as one types; all read as '"'.
_QUOTES = str.maketrans(dict.fromkeys("«»“”„‟″＂", '"'))
_OR_WORDS = {"or", "أو", "او"}
# Words too common to look for: nearly every story has them («في» alone found 32 of the demo's
# stories, «ال» all of them). They are left out of a query's words, never out of a "quoted
# phrase" or a hashtag, whose words must stand side by side. Compared as written (marks
# dropped, letters not folded): «على» is a preposition but «علي» a name, «إلى» a preposition
# but «آلي» («الي» typed bare) an adjective. One letter (و ف ب ل) is never searched anyway.
STOP_WORDS = frozenset([
    "ال", "في", "من", "على", "الى", "إلى", "إلي", "عن", "مع", "أن", "ان", "إن", "أنه", "إنه",
    "ما", "لا", "لم", "لن", "قد", "ثم", "أو", "او", "هذا", "هذه", "ذلك", "تلك", "هو", "هي",
    "هم", "التي", "الذي", "الذين", "اللذين", "اللتين", "كان", "كانت", "بين", "حتى", "عند",
    "منذ", "كما", "أي", "وفي", "ومن", "وعلى", "وإلى", "والى", "وعن", "ومع", "وأن", "وإن",
    "ولا", "وما",
])  # fmt: skip


@dataclass(frozen=True)
class ParsedQuery:
    """A reader's query turned into a PostgreSQL tsquery (raw syntax)."""

    tsquery: str
    words: tuple[str, ...]

    def as_search_query(self) -> SearchQuery:
        return SearchQuery(self.tsquery, search_type="raw", config=CONFIG)

    def as_exact_query(self) -> SearchQuery:
        """Any of the query's words in a form it was written in, for ranking."""
        forms = sorted({form for word in self.words for form in clitic_variants(word)})
        return SearchQuery(
            " | ".join(form + EXACT_MARK for form in forms), search_type="raw", config=EXACT_CONFIG
        )


def _word_term(word: str) -> str:
    alternatives = sorted(prefix_variants(word))
    if parts := number_parts(word):
        # «cop31» also as a story writes it apart: «COP 31».
        alternatives.append("(" + " <-> ".join(parts) + ")")
    return "(" + " | ".join(alternatives) + ")"


def parse_query(text: str) -> ParsedQuery | None:
    """Websearch-style syntax: words, "quoted phrases", -excluded, OR.

    Returns None when nothing searchable is left (empty, punctuation, one letter, only
    words in STOP_WORDS).
    """
    terms: list[tuple[str, str]] = []  # (joiner, term)
    positive: list[str] = []
    joiner = "&"
    for negate, phrase, bare in _PIECES.findall((text or "")[:MAX_QUERY_CHARS].translate(_QUOTES)):
        if bare and bare.lower() in _OR_WORDS:
            joiner = "|" if terms else "&"
            continue
        if bare.startswith("-") and len(bare) > 1:
            negate, bare = "-", bare[1:]
        written = [w for w in written_words(phrase or bare) if len(w) >= MIN_WORD_CHARS]
        if not phrase and all(w in STOP_WORDS for w in written):
            continue
        found = [fold_word(w) for w in written]
        if not found:
            continue
        # A quoted phrase, or a hashtag's words, must stand side by side.
        is_phrase = bool(phrase) or len(found) > 1
        term = "(" + " <-> ".join(found) + ")" if is_phrase else _word_term(found[0])
        if negate:
            term = "!" + term
        else:
            positive.extend(found)
        terms.append((joiner, term))
        joiner = "&"
        if len(terms) >= MAX_TERMS:
            break
    if not positive:
        return None
    tsquery = terms[0][1]
    for join, term in terms[1:]:
        tsquery = f"{tsquery} {join} {term}"
    return ParsedQuery(tsquery=tsquery, words=tuple(positive))


def only_common_words(text: str) -> bool:
    """Whether the words typed to look for are all in STOP_WORDS (``parse_query`` gives
    None for them), as opposed to nothing searchable typed at all."""
    looked_for = [
        w
        for piece in (text or "")[:MAX_QUERY_CHARS].split()
        if not piece.startswith("-") and piece.lower() not in _OR_WORDS
        for w in written_words(piece)
        if len(w) >= MIN_WORD_CHARS
    ]
    return bool(looked_for) and all(w in STOP_WORDS for w in looked_for)


# The parts of a story's document, in the order they are put together: title (weighs most,
# A), deck and hashtags (B), body (C), the rest (D: authors, section, dateline).
# PostgreSQL keeps word positions up to 16,383 and gives every later word that one, and a
# phrase needs its words side by side: the short parts readers quote come first, so that a
# story of any length is found by a phrase of its deck or a hashtag of several words.
WEIGHTS = "ABCD"
# Each part as three texts (index_texts): (weight, configuration) of each, in order.
_VECTOR_PARTS = [
    (weight, config)
    for weight in WEIGHTS
    for config in (CONFIG, CONFIG, EXACT_CONFIG)  # written, bare, exact
]


def index_texts(
    *, title: str, deck: str, tags: list[str], body_html: str, extra: list[str]
) -> list[tuple[str, str, str, str]]:
    """(weight, written words, bare forms, exact forms) per part of an article, in the
    order of WEIGHTS, ready for to_tsvector: the first two stemmed, the exact forms
    (``clitic_variants``) not.

    The bare forms go in a vector of their own so the written words keep their positions.
    """
    parts = {
        "A": title,
        "B": _hashtags_part(deck, tags),
        "C": plain_text(body_html),
        "D": " ".join(extra),
    }
    return [(weight, *_part_texts(parts[weight])) for weight in WEIGHTS]


def _hashtags_part(deck: str, tags: list[str]) -> str:
    # In one order whoever reads them (a story's own save, a rebuild of thousands).
    return " ".join([deck, *sorted(tags)])


def _part_texts(text: str) -> tuple[str, str, str]:
    written = words(text)
    forms = [_indexed_forms(w) for w in written]
    bare = [v for word_bare, _exact in forms for v in word_bare]
    exact = [v for _bare, word_exact in forms for v in word_exact]
    return " ".join(written), " ".join(bare), " ".join(exact)


# A story's words are mostly the same few thousand: each is worked out once per process
# (a few megabytes), which is most of the Python a rebuild of thousands of stories takes.
@functools.lru_cache(maxsize=20_000)
def _indexed_forms(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A word's bare forms (``prefix_variants`` other than itself) and exact forms
    (``clitic_variants``, marked), in the order they are indexed."""
    # A name joining letters and digits («COP31») is also found by them typed apart.
    bare = tuple(v for v in sorted(prefix_variants(word)) if v != word) + tuple(number_parts(word))
    exact = tuple(v + EXACT_MARK for v in sorted(clitic_variants(word)))
    return bare, exact


def document_vector(**parts) -> SearchVector:
    """The search vector expression for an article (see index_texts for the arguments)."""
    vector = None
    for weight, written, bare, exact in index_texts(**parts):
        for text, config in ((written, CONFIG), (bare, CONFIG), (exact, EXACT_CONFIG)):
            part = SearchVector(Value(text), config=config, weight=weight)
            vector = part if vector is None else vector + part
    return vector


def _vector_sql(parts: list[tuple[str, str]]) -> str:
    """document_vector in SQL, over the texts in columns t0, t1 … of ``t``: the same vector,
    part by part in the same order (so that positions match)."""
    return " || ".join(
        f"setweight(to_tsvector('{config}'::regconfig, COALESCE(t.t{i}, '')), '{weight}')"
        for i, (weight, config) in enumerate(parts)
    )


def _update_from_texts(article_model, vector: str, columns: int) -> str:
    """An UPDATE setting ``vector`` (SQL over t.t0 …) as the search vector of the stories
    whose ids and texts are passed as arrays: many stories in one statement."""
    names = ", ".join(f"t{i}" for i in range(columns))
    arrays = ", ".join(["%s::text[]"] * columns)
    return (
        f"UPDATE {article_model._meta.db_table} AS a SET search_vector = {vector} "
        f"FROM unnest(%s::bigint[], {arrays}) AS t(id, {names}) WHERE a.id = t.id"
    )


def rebuild_vectors(
    article_model, tagged_model, *, ids: list[int] | None = None, batch_size: int = 1000
) -> int:
    """Rebuild every article's stored vector (or those of ``ids``), as
    Article.refresh_search_document does one.

    For data migrations, which get historical models without the model's methods: pass
    the Article and TaggedArticle models (apps.get_model); and for many stories at once.
    Each batch is read in three queries and written in one UPDATE, PostgreSQL making every
    vector of the batch from the texts prepared here. Returns how many were rebuilt.
    """
    byline = article_model.authors.through
    rows = article_model.objects.order_by("pk").values_list(
        "pk", "title", "deck", "body", "agency", "city", "section__name"
    )
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    update = _update_from_texts(article_model, _vector_sql(_VECTOR_PARTS), len(_VECTOR_PARTS))
    done, last = 0, None
    while True:
        batch = list((rows if last is None else rows.filter(pk__gt=last))[:batch_size])
        if not batch:
            return done
        batch_ids = [row[0] for row in batch]
        tags = _hashtags_of(tagged_model, batch_ids)
        # Ordered as a story's own save reads its byline (Author's ordering).
        bylines = byline.objects.filter(article_id__in=batch_ids).order_by("author__name")
        authors = _names_by_article(bylines.values_list("article_id", "author__name"))
        columns: list[list[str]] = [[] for _part in _VECTOR_PARTS]
        for pk, title, deck, body, agency, city, section in batch:
            texts = index_texts(
                title=title,
                deck=deck,
                tags=tags.get(pk, []),
                body_html=body,
                extra=[*authors.get(pk, []), section, agency, city],
            )
            for column, text in zip(
                columns, (text for _weight, *three in texts for text in three), strict=True
            ):
                column.append(text)
        with connections[article_model.objects.db].cursor() as cursor:
            cursor.execute(update, [batch_ids, *columns])
        done, last = done + len(batch), batch_ids[-1]


def _hashtags_of(tagged_model, ids: list[int]) -> dict[int, list[str]]:
    tagged = tagged_model.objects.filter(content_object_id__in=ids)
    return _names_by_article(tagged.values_list("content_object_id", "tag__name"))


def _names_by_article(pairs) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    for article_id, name in pairs:
        names.setdefault(article_id, []).append(name)
    return names


def plain_text(body_html: str) -> str:
    # Paragraphs and list items end where a tag ends: keep a space between their words.
    return html.unescape(strip_tags((body_html or "").replace("><", "> <"))).strip()


# Highlighting is done here rather than by ts_headline so that the snippet keeps the
# article's own spelling (ts_headline would need the normalised text to match).

_SUFFIXES = ("ات", "ون", "ين", "ان", "ها", "هم", "يه", "ه", "ي")


def _light_stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _keys(word: str) -> set[str]:
    found = words(word)
    return {_light_stem(v) for w in found for v in prefix_variants(w) | set(number_parts(w))}


# A word as written: letters and digits with the marks, tatweel and invisible controls that
# normalisation drops inside it; what lies around it (punctuation, quotes) is not marked.
_WRITTEN_WORD = re.compile(
    "(?:[^\\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
    "\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff])+"
)


def _marked(token: str, wanted: set[str]) -> tuple[bool, str]:
    """Whether ``token`` holds a query word, and the token as HTML with those words (and
    only them: never the comma or quote beside one) wrapped in <mark>."""
    parts, found, end = [], False, 0
    for word in _WRITTEN_WORD.finditer(token):
        if _keys(word.group()) & wanted:
            found = True
            parts += [escape(token[end : word.start()]), f"<mark>{escape(word.group())}</mark>"]
            end = word.end()
    parts.append(escape(token[end:]))
    return found, "".join(parts)


def marked_if_found(text: str, query_words: tuple[str, ...]) -> SafeString | None:
    """``text`` whole, its query words marked as ``highlight`` marks them; None when it holds
    none of them."""
    wanted = set().union(*(_keys(w) for w in query_words)) if query_words else set()
    marked = [_marked(token, wanted) for token in text.split()]
    if not any(found for found, _html in marked):
        return None
    return mark_safe(" ".join(html for _found, html in marked))


def highlight(text: str, query_words: tuple[str, ...], max_words: int = 36) -> SafeString:
    """The passage of ``text`` with most query words, matches wrapped in <mark>.

    Every character of the passage is kept, in order: only the spaces between words are
    made single.
    """
    tokens = text.split()
    if not tokens:
        return mark_safe("")
    wanted = set().union(*(_keys(w) for w in query_words)) if query_words else set()
    marked = [_marked(t, wanted) for t in tokens]
    hits = [found for found, _html in marked]
    best_start, best_score = 0, -1
    for start in range(0, max(1, len(tokens) - max_words + 1)):
        score = sum(hits[start : start + max_words])
        if score > best_score:
            best_start, best_score = start, score
    window = range(best_start, min(len(tokens), best_start + max_words))
    prefix = "… " if best_start > 0 else ""
    suffix = " …" if window.stop < len(tokens) else ""
    return mark_safe(prefix + " ".join(marked[i][1] for i in window) + suffix)
