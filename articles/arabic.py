"""Arabic text normalisation, shared by hashtags and search."""

import re
import unicodedata

# Tashkeel (harakat, tanween, shadda, sukun, Quranic marks) and the dagger alef.
_TASHKEEL = re.compile("[\u064b-\u065f\u0670]")
_TATWEEL = "\u0640"
# Bidi controls and zero-width characters: invisible, but they split words and tags.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")
# Eastern Arabic (٠-٩) and Persian (۰-۹) digits, as 0-9.
_ASCII_DIGITS = str.maketrans(
    {
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_LETTER_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        # Hamza on a carrier is one hamza: «مسئول», «مسؤول» and «مسءول» are one word,
        # spelled by country and by school; as are «رئيس» and «رءيس».
        "ؤ": "ء",
        "ئ": "ء",
        # Persian and Urdu keyboards: Farsi yeh and keheh for ي and ك, Urdu heh goal,
        # its teh marbuta and heh with hamza for ه (as ة is).
        "\u06cc": "ي",  # ی
        "\u06a9": "ك",  # ک
        "\u06c1": "ه",  # ہ
        "\u06c3": "ه",  # ۃ
        "\u06c0": "ه",  # ۀ
        # Eastern Arabic and Persian digits read as the same numbers.
        **_ASCII_DIGITS,
    }
)
# The same folding as two strings, for SQL's translate(): (from, to), character by character.
# Every letter folds to one letter, so that the two strings line up.
assert all(len(folded) == 1 for folded in _LETTER_MAP.values())
LETTER_FOLD = (
    "".join(map(chr, _LETTER_MAP)),
    "".join(_LETTER_MAP.values()),
)
# Letters and digits; '_' splits hashtags into their words.
_WORD = re.compile(r"[^\W_]+")
_MIN_STEM = 3  # never strip a prefix down to fewer letters («الله» stays whole)
_ENDINGS = ("ه", "ات")
# Roots whose first letter is ف, common in the news, whose words read as another common
# word once that ف is taken for the conjunction: «فكرة» (an idea) as «كرة» (a ball, as in
# football), «فعلي» (actual) as the name «علي», «فعليا» as «عليا» (supreme). Their ف stays.
# The conjunction before a word in «كر» or «عل» («فعلينا») is rare beside them.
_ROOTS_IN_FA = ("فكر", "فعل")


_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def script_language(text: str) -> str:
    """ "ar" for a name written in Arabic letters, "en" for one in Latin letters: a section,
    hashtag or author is named in one script whatever the page's language, and a screen
    reader should read it with that language's voice."""
    return "ar" if _ARABIC_LETTER.search(str(text)) else "en"


def isolated(text: str) -> str:
    """``text`` set apart from the sentence around it (FIRST STRONG ISOLATE … POP
    DIRECTIONAL ISOLATE), read in the direction of its own first letter: an Arabic title
    with «5G» in it, inside an English sentence, otherwise comes out in scrambled order.
    For text where no tag can go (a message, a page's title)."""
    return f"\u2068{text}\u2069"


def _presentation_forms() -> dict[int, str]:
    """Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF: a letter's contextual shape,
    the lam-alef ligature «ﻻ», as old systems and some PDFs encode them) as the letters
    they show. Only these characters are read in compatibility form (NFKC), never the text
    around them. The isolated forms of tashkeel decompose to a space and the mark: the mark
    alone is kept, and dropped later like any other mark."""
    table = {}
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        base = unicodedata.normalize("NFKC", chr(code))
        if base != chr(code):
            table[code] = base.lstrip(" ")
    return table


_PRESENTATION_FORMS = _presentation_forms()
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def base_letters(text: str) -> str:
    """``text`` with its Arabic presentation forms written as plain letters («ﻻ» → «لا»)."""
    return text.translate(_PRESENTATION_FORMS) if _PRESENTATION.search(text) else text


def strip_marks(text: str) -> str:
    """Drop diacritics, tatweel and invisible controls; keep the letters as written."""
    text = unicodedata.normalize("NFC", text)
    text = _TASHKEEL.sub("", _INVISIBLE.sub("", text)).replace(_TATWEEL, "")
    # Once more: a letter and an accent that a dropped character kept apart now compose
    # (without this, normalising twice could change the text again).
    return unicodedata.normalize("NFC", text)


def normalize(text: str) -> str:
    """Fold the spelling variants of Arabic letters so that search matches them."""
    return fold(strip_marks(base_letters(text)))


def fold(text: str) -> str:
    """Fold the letters of text already plain (no marks, no presentation forms)."""
    return text.translate(_LETTER_MAP)


# Prepositions written with a final alef maqsura keep it when folded. Folded like any other
# word, «على» would be «علي», the name Ali, and «إلى» would be «الي», as «آلي» (automatic) is
# typed: a reader looking for either would get every story, each with the preposition marked.
# A conjunction may lead them («وعلى», «فإلى»). Typed with a ي they fold as usual.
_MAQSURA_PARTICLES = frozenset({"على", "الى"})


def fold_word(word: str) -> str:
    """``fold`` for one word, keeping the alef maqsura of the prepositions «على» and «إلى»."""
    if word.endswith("ى"):
        kept = fold(word[:-1]) + "ى"
        if kept in _MAQSURA_PARTICLES or (kept[:1] in "وف" and kept[1:] in _MAQSURA_PARTICLES):
            return kept
    return fold(word)


def written_words(text: str) -> list[str]:
    """The lower-cased words of ``text`` as written: marks dropped, letters not folded.

    ``fold_word`` turns each into the word ``words`` gives at the same place.
    """
    return _WORD.findall(strip_marks(base_letters(text)).lower())


def words(text: str) -> list[str]:
    """The normalised, lower-cased words of ``text``, in order."""
    return [fold_word(word) for word in written_words(text)]


_RUNS = re.compile(r"\d+|[^\W\d]+")


def number_parts(word: str) -> list[str]:
    """The letters and the digits of a word joining both («cop31» → «cop», «31»), or [].

    Stories and readers write such names both ways («COP31», «COP 31»; «كوب28», «كوب 28»).
    """
    parts = _RUNS.findall(word)
    return parts if len(parts) > 1 else []


def _core_length(word: str) -> int:
    return len(word) - 2 if word.startswith("ال") else len(word)


def clitic_variants(word: str) -> set[str]:
    """The word with and without its clitic prefixes: the forms in which it was written.

    Arabic glues, in this order, a conjunction (و، ف), a preposition (ب، ك، ل) and
    the article (ال) to the word: «والمشاورات», «بالاجتماعات», «للمستثمرين».
    PostgreSQL's arabic stemmer splits none of them, so documents and queries both
    carry the bare forms as well. Other prefixes are only removed when three letters remain,
    and the ف of a few roots is never taken for the conjunction (``_ROOTS_IN_FA``).
    """
    forms = {word}
    if not word.startswith(_ROOTS_IN_FA) or word[1:] in _MAQSURA_PARTICLES:  # «فعلى»
        forms |= {f[1:] for f in forms if f[0] in "وف" and len(f) - 1 >= _MIN_STEM}
    with_preposition = set(forms)
    for form in with_preposition:
        if form.startswith("لل") and len(form) - 2 >= _MIN_STEM:
            forms |= {form[2:], "ال" + form[2:]}
        elif form[0] in "بكل" and len(form) - 1 >= _MIN_STEM + 1:
            forms.add(form[1:])
    # The article may leave a two-letter word («الحر» → «حر»), but «الله» stays whole.
    forms |= {f[2:] for f in forms if f.startswith("ال") and len(f) >= 4 and f != "الله"}
    return forms


def prefix_variants(word: str) -> set[str]:
    """``clitic_variants`` and the same forms without a few endings, for matching.

    Those endings make words of one root meet («الشاحنات», «شاحنة»), and sometimes words
    that only look alike («الرياضة» and «الرياض»): see ``clitic_variants`` for ranking.
    """
    forms = clitic_variants(word)
    # Folding ة to ه hides the feminine ending from the stemmer («شاحنه» stays whole while
    # «الشاحنات» becomes «شاحن»), and it stems some plurals in ات unevenly: add the
    # forms without those endings too.
    forms |= {
        f[: -len(ending)]
        for f in forms
        for ending in _ENDINGS
        if f.endswith(ending) and _core_length(f) - len(ending) >= _MIN_STEM
    }
    return forms


_EASTERN_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def ascii_digits(text: str) -> str:
    """``text`` with its Eastern Arabic (٠-٩) and Persian (۰-۹) digits written 0-9."""
    return text.translate(_ASCII_DIGITS)


def numbering_system(language: str | None, eastern_digits: bool) -> str:
    """The Unicode numbering system for numbers shown in ``language``: "arab" or "latn"."""
    return "arab" if eastern_digits and (language or "").startswith("ar") else "latn"


def with_digits(text: str, system: str) -> str:
    """``text`` with its ASCII digits written in the numbering ``system``."""
    return text.translate(_EASTERN_DIGITS) if system == "arab" else text
