"""Arabic text normalisation, shared by hashtags and search."""

import re
import unicodedata

# Tashkeel (harakat, tanween, shadda, sukun, Quranic marks) and the dagger alef.
_TASHKEEL = re.compile("[\u064b-\u065f\u0670]")
_TATWEEL = "\u0640"
# Bidi controls and zero-width characters: invisible, but they split words and tags.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")
_LETTER_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
    }
)


def strip_marks(text: str) -> str:
    """Drop diacritics, tatweel and invisible controls; keep the letters as written."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    return _TASHKEEL.sub("", text).replace(_TATWEEL, "")


def normalize(text: str) -> str:
    """Fold the spelling variants of Arabic letters so that search matches them."""
    return strip_marks(text).translate(_LETTER_MAP)
