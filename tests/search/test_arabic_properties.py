"""Properties of the Arabic normalisation, on generated text (hypothesis)."""

import re
import unicodedata

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from articles.arabic import normalize, prefix_variants, strip_marks, words

# Pure functions, fast: many examples.
PROPERTY = settings(max_examples=600, deadline=None, database=None)

TASHKEEL = re.compile("[\u064b-\u065f\u0670]")
BIDI_AND_ZERO_WIDTH = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")
FOLDED_LETTERS = set("أإآٱىةؤئ\u06cc\u06a9\u06c1\u06c3\u06c0")

# Pasted agency copy: Arabic and Latin letters and digits, punctuation and spaces; tashkeel
# and Latin accents; tatweel, bidi controls and zero-width characters. Each group is drawn
# as often as the others, so marks and invisibles often sit between letters.
LETTERS = (
    [chr(c) for c in range(0x0621, 0x064B)]
    + [chr(c) for c in range(0x0660, 0x066A)]
    + ["\u0671", "\u06f4", "\u06cc", "\u06a9", "\u06d5", "\u06c1", "\u06c3", "\u06c0"]
    + list("aeiouAEIOUcn019 _-.,،؛؟!#\n\t")
)
MARKS = [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0301", "\u0308", "\u0327"]
INVISIBLES = ["\u0640", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c"]
INVISIBLES += ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069", "\ufeff"]
ARABIC_ALPHABET = LETTERS + MARKS + INVISIBLES
symbol = st.one_of(st.sampled_from(LETTERS), st.sampled_from(MARKS), st.sampled_from(INVISIBLES))
arabic_text = st.lists(symbol, max_size=40).map("".join)
# Text pasted from old systems and PDFs: presentation forms (contextual shapes, the lam-alef
# ligatures, «ﷲ», «ﷺ», the isolated shapes of tashkeel) among the letters.
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
PRESENTATION = ["\ufefb", "\ufefc", "\ufef5", "\ufe8d", "\ufedf", "\ufb50", "\ufb8f"]
PRESENTATION += ["\ufdf2", "\ufdfa", "\ufe70", "\ufe71", "\ufe7c", "\ufe80", "\ufe89"]
pasted_text = st.lists(st.one_of(symbol, st.sampled_from(PRESENTATION)), max_size=40).map("".join)
any_text = st.text(max_size=60)
texts = st.one_of(arabic_text, pasted_text, any_text)


@PROPERTY
@given(texts)
@example("a\u0640\u0301")  # found by hypothesis: tatweel between a letter and its accent
@example("e\u200b\u0301")
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@PROPERTY
@given(texts)
@example("a\u0640\u0301")
def test_strip_marks_is_idempotent(text):
    once = strip_marks(text)
    assert strip_marks(once) == once


def letter_shapes(text: str) -> list[str]:
    """The presentation forms in ``text`` that Unicode writes as plain letters: the blocks
    also hold symbols with no letters behind them (the ornate parentheses «﴾ ﴿» of a
    quoted verse, the honorifics added in Unicode 14), which are not shapes of letters."""
    return [c for c in PRESENTATION_FORMS.findall(text) if unicodedata.decomposition(c)]


@PROPERTY
@given(texts)
@example("\ufd3e")  # found by hypothesis: «﴾» has no letters behind it, and stays
def test_no_tashkeel_tatweel_or_invisible_controls_survive(text):
    result = normalize(text)
    assert not TASHKEEL.search(result)
    assert "\u0640" not in result
    assert not BIDI_AND_ZERO_WIDTH.search(result)
    assert not FOLDED_LETTERS & set(result)
    assert letter_shapes(result) == []


def test_a_verse_in_ornate_parentheses_is_searched_by_its_words():
    assert words("\ufd3fإِنَّ مَعَ الْعُسْرِ يُسْرًا\ufd3e") == ["ان", "مع", "العسر", "يسرا"]


@PROPERTY
@given(arabic_text)
def test_normalize_never_lengthens_arabic_text(text):
    assert len(normalize(text)) <= len(text)


@PROPERTY
@given(texts)
def test_normalize_agrees_with_itself_across_forms(text):
    """Decomposed and precomposed spellings of the same text normalise alike."""
    import unicodedata

    assert normalize(unicodedata.normalize("NFD", text)) == normalize(
        unicodedata.normalize("NFC", text)
    )


@PROPERTY
@given(texts)
@example("وعلى إلى")  # the prepositions keep their alef maqsura
def test_words_are_normalised_lower_case_and_never_empty(text):
    for word in words(text):
        assert word
        assert "_" not in word and " " not in word
        assert words(word) == [word]
        assert word == word.lower()


word_list = st.lists(symbol, min_size=1, max_size=20).map("".join)


@settings(PROPERTY, suppress_health_check=[HealthCheck.filter_too_much])
@given(word_list)
def test_prefix_variants_keep_the_word_and_only_shorten_it(text):
    found = words(text)
    assume(found)
    for word in found:
        variants = prefix_variants(word)
        assert word in variants
        for variant in variants:
            assert variant, word
            assert len(variant) <= len(word)
            assert variant == word or len(variant) >= 2
            # Every variant is a piece of the word, or «ال» put back on one («للطلاب» → «الطلاب»).
            assert variant in word or (variant.startswith("ال") and variant[2:] in word)
        assert prefix_variants(word) == variants  # no hidden state


@PROPERTY
@given(st.sampled_from(["و", "ف", ""]), st.sampled_from(["ب", "ك", "ل", ""]))
def test_the_name_of_god_is_never_cut(conjunction, preposition):
    variants = prefix_variants(conjunction + preposition + "الله")
    assert "له" not in variants and "لله" not in variants - {preposition + "الله"}
