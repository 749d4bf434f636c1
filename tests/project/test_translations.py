"""The Arabic and English catalogues: complete, in step with the code, compiled, and used.

Arabic is the source language: its entries repeat their msgid, except plural entries,
which carry Arabic's six forms. English translates every entry. A reader who switches
language sees no interface text of the other one; only the stories keep their own.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info, gettext, ngettext

from reactions.models import ReactionKind
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, image_file

ROOT = Path(__file__).resolve().parents[2]
PLURAL_FORMS = {"ar": 6, "en": 2}
# What `make messages` leaves out of the catalogues.
IGNORED = [".venv/*", "var/*", "tests/*", "bench/*", "node_modules/*"]

ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
PLACEHOLDER = re.compile(r"%\((\w+)\)[a-z]")
TAG = re.compile(r"<[^>]+>")


def po_file(language: str, root: Path = ROOT) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


@dataclass
class Entry:
    msgid: str
    msgid_plural: str | None
    msgstr: list[str]  # one string, or one per plural form
    msgctxt: str | None = None
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple:
        return (self.msgctxt, self.msgid, self.msgid_plural)


def read_po(path: Path) -> list[Entry]:
    """The entries of a catalogue, its header first; obsolete entries are left out."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        flags: set[str] = set()
        fields: dict[str, str] = {}
        keyword = ""
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue  # comments, references, previous msgids, obsolete (#~) entries
            elif line.startswith('"'):
                fields[keyword] += ast.literal_eval(line)
            else:
                keyword, _, value = line.partition(" ")
                fields[keyword] = ast.literal_eval(value)
        if "msgid" not in fields:
            continue
        if "msgid_plural" in fields:
            indexes = sorted(int(k[7:-1]) for k in fields if k.startswith("msgstr["))
            msgstr = [fields[f"msgstr[{i}]"] for i in indexes]
        else:
            msgstr = [fields.get("msgstr", "")]
        entries.append(
            Entry(fields["msgid"], fields.get("msgid_plural"), msgstr, fields.get("msgctxt"), flags)
        )
    return entries


def catalogue(language: str) -> list[Entry]:
    return [entry for entry in read_po(po_file(language)) if entry.msgid]


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


# Complete: nothing untranslated, nothing fuzzy.


@pytest.mark.parametrize("language", PLURAL_FORMS)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(language):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(po_file(language))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    statistics = result.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ translated messages\.", statistics), statistics

    entries = read_po(po_file(language))
    assert "fuzzy" not in entries[0].flags, "the header is still marked fuzzy"
    assert f"Language: {language}\n" in entries[0].msgstr[0]
    assert [e.msgid for e in entries[1:] if "fuzzy" in e.flags] == []
    assert [e.msgid for e in entries[1:] if not all(e.msgstr)] == []


def test_arabic_entries_repeat_the_source_and_plurals_have_six_forms():
    for entry in catalogue("ar"):
        if entry.msgid_plural is None:
            assert entry.msgstr == [entry.msgid], entry.msgid
            continue
        forms = entry.msgstr
        assert len(forms) == PLURAL_FORMS["ar"], entry.msgid
        # Written by hand, not copied: the dual is its own word, not the generic plural.
        assert len(set(forms)) >= 3 and forms[2] != entry.msgid_plural, forms
        needed = placeholders(entry.msgid_plural)
        for form in forms[3:]:  # 3-10, 11-99, 100 and more: the number is written
            assert placeholders(form) == needed, (entry.msgid, form)
        for form in forms[:3]:  # none, one, two: the number may be spelt out
            assert placeholders(form) <= needed | placeholders(entry.msgid), (entry.msgid, form)


def test_english_entries_are_english_with_the_same_placeholders_and_markup():
    for entry in catalogue("en"):
        source = entry.msgid_plural or entry.msgid
        if entry.msgid_plural is not None:
            assert len(entry.msgstr) == PLURAL_FORMS["en"], entry.msgid
            assert placeholders(entry.msgstr[1]) == placeholders(source), entry.msgid
            assert placeholders(entry.msgstr[0]) <= placeholders(source), entry.msgid
        else:
            assert placeholders(entry.msgstr[0]) == placeholders(source), entry.msgid
        for form in entry.msgstr:
            assert TAG.findall(form) == TAG.findall(source), entry.msgid
            assert not ARABIC_LETTERS.search(form), (entry.msgid, form)


# In step with the code: makemessages on a copy of the project changes no msgid.


def test_catalogues_hold_exactly_the_strings_marked_in_the_code(tmp_path):
    copy = tmp_path / "newsroom"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "var", "node_modules", "tests", "bench", "__pycache__", "*.mo"
        ),
    )
    before = {language: po_file(language).read_bytes() for language in PLURAL_FORMS}
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--verbosity", "0"]
    command += [f"--locale={language}" for language in PLURAL_FORMS]
    command += [f"--ignore={pattern}" for pattern in IGNORED]
    result = subprocess.run(
        command,
        cwd=copy,
        env={**os.environ, "PYTHONPATH": str(copy)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for language in PLURAL_FORMS:
        assert po_file(language).read_bytes() == before[language], "the real catalogue moved"
        committed = {entry.key for entry in catalogue(language)}
        current = {entry.key for entry in read_po(po_file(language, copy)) if entry.msgid}
        assert current - committed == set(), f"new strings: run `make messages` ({language})"
        assert committed - current == set(), f"stale strings: run `make messages` ({language})"


# Compiled: the .mo files are what msgfmt makes of the .po files, and Django uses them.


@pytest.mark.parametrize("language", PLURAL_FORMS)
def test_compiled_catalogue_is_in_step(language, tmp_path):
    compiled = po_file(language).with_suffix(".mo")
    assert compiled.exists(), "run `make compiled`"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(po_file(language))], check=True)
    assert compiled.read_bytes() == fresh.read_bytes(), "stale .mo: run `make compiled`"


def test_django_translates_with_the_compiled_catalogues():
    with translation.override("en"):
        assert gettext("ما هو رد فعلك؟") == "What's your reaction?"
        assert ngettext("نتيجة واحدة.", "%(counter)s نتيجة.", 2) == "%(counter)s results."
    with translation.override("ar"):
        counts = {n: ngettext("نتيجة واحدة.", "%(counter)s نتيجة.", n) for n in (2, 3, 11, 100)}
        assert counts == {
            2: "نتيجتان.",
            3: "%(counter)s نتائج.",
            11: "%(counter)s نتيجة.",
            100: "%(counter)s نتيجة.",
        }


# Django's and django-taggit's own Arabic catalogues leave some strings untranslated (the
# admin's delete confirmation, its date widgets' time zone note, ...): locale/upstream/ar
# fills every one of them, by hand, and Django prefers ours.

UPSTREAM = ROOT / "locale" / "upstream" / "ar" / "LC_MESSAGES"


def package_catalogues():
    """(English catalogue, Arabic catalogue, domain) of every package whose strings the
    newsroom's pages and admin can show."""
    import django
    import taggit

    apps = [("conf", django), ("contrib/admin", django), ("contrib/auth", django)]
    apps += [("contrib/contenttypes", django), ("", taggit)]
    for app, package in apps:
        locale = Path(package.__file__).parent / app / "locale"
        for domain in ("django", "djangojs"):
            english = locale / "en" / "LC_MESSAGES" / f"{domain}.po"
            if english.exists():
                yield english, locale / "ar" / "LC_MESSAGES" / f"{domain}.po", domain


def test_arabic_covers_what_the_packages_leave_untranslated():
    catalogues = list(package_catalogues())
    assert len(catalogues) == 6  # the check below reads real catalogues
    ours = {domain: read_po(UPSTREAM / f"{domain}.po") for domain in ("django", "djangojs")}
    for domain, entries in ours.items():
        assert [e.msgid for e in entries[1:] if not all(e.msgstr) or "fuzzy" in e.flags] == []
        for entry in entries[1:]:
            words = LATIN_WORD.search(PLACEHOLDER.sub("", entry.msgid))
            for form in entry.msgstr:
                assert ARABIC_LETTERS.search(form) or not words, (domain, entry.msgid)
                assert placeholders(form) <= placeholders(entry.msgid_plural or entry.msgid)
    for english, arabic, domain in catalogues:
        translated = {e.key for e in read_po(arabic) if all(e.msgstr) and "fuzzy" not in e.flags}
        missing = {e.key for e in read_po(english) if e.msgid} - translated
        filled = {e.key for e in ours[domain]}
        assert missing - filled == set(), f"{english}: give these Arabic in {UPSTREAM}"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_upstream_arabic_is_compiled_in_step(domain, tmp_path):
    compiled = UPSTREAM / f"{domain}.mo"
    assert compiled.exists(), "run `make compiled`"
    fresh = tmp_path / f"{domain}.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(UPSTREAM / f"{domain}.po")], check=True)
    assert compiled.read_bytes() == fresh.read_bytes(), "stale .mo: run `make compiled`"


def test_the_admin_speaks_arabic_where_django_does_not(admin_client):
    article = ArticleFactory(authors=[AuthorFactory(name="سلمى الحداد")])
    with translation.override("ar"):
        assert gettext("Run") == "تنفيذ"
        assert ngettext("…and %(count)d more object.", "…and %(count)d more objects.", 2) == (
            "…وعنصران آخران."
        )
    page = admin_client.get(reverse("admin:articles_article_delete", args=[article.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "هل تريد حقًا حذف" in html and "Are you sure" not in html
    # The byline rows that go with the story, named in Arabic too.
    assert "كتّاب المقال: 1" in html and "كاتب المقال: سلمى الحداد" in html
    assert "Article-author" not in html and "Article_authors" not in html


# Rendered pages: the interface is all in the reader's language.

CHECKED_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder", "data-copied", "data-failed"}
# <meta content> that people read (search results, link previews), not machine values.
READ_META = re.compile(r"(description|title|site_name|alt)$")
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
VOID_ELEMENTS |= {"source", "track", "wbr"}
ATTRIBUTE_NAME = re.compile(r"[a-z][a-z0-9:-]*")


class LabelledText(HTMLParser):
    """A page's text and labels, each with the language its markup declares for it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str]] = []  # (element, language)
        self.pieces: list[tuple[str, str]] = []  # (language, text)
        self.broken: list[str] = []  # attribute names that a quote in a translation made up
        self.wraps_here = False

    @property
    def language(self) -> str:
        return self.open[-1][1] if self.open else ""

    def handle_starttag(self, tag, attrs):
        if tag == "wbr":  # a place to wrap inside one text (a long hashtag), not a new text
            self.wraps_here = True
            return
        attributes = dict(attrs)
        self.broken += [name for name in attributes if not ATTRIBUTE_NAME.fullmatch(name)]
        language = attributes.get("lang") or self.language
        meta = attributes.get("name") or attributes.get("property") or ""
        for name, value in attributes.items():
            checked = name in CHECKED_ATTRIBUTES or name.startswith("data-msg-")
            checked = checked or (name == "content" and tag == "meta" and READ_META.search(meta))
            if checked and value and not value.startswith(("http", "/")):
                self.pieces.append((language, value))
        if tag not in VOID_ELEMENTS:
            self.open.append((tag, language))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                break

    def handle_data(self, data):
        # JSON-LD is data for machines, not interface.
        if data.strip() and (not self.open or self.open[-1][0] not in {"script", "style"}):
            if self.wraps_here and self.pieces:
                _, before = self.pieces.pop()
                data = before + data
            self.pieces.append((self.language, data))
        self.wraps_here = False


def labelled_text(html: str, content: list[str], interface: str) -> list[tuple[str, str]]:
    """The page's (language, text) pieces with the stories' own words taken out."""
    parser = LabelledText()
    parser.feed(html)
    assert parser.broken == [], "a translation broke out of its attribute"
    pieces = []
    for language, text in parser.pieces:
        text = PLACEHOLDER.sub(" ", text)  # the reactions box's messages, filled by script
        for words in content:
            text = text.replace(words, " ")
        language = language.split("-")[0]
        # A fragment of a story (a search snippet around its highlighted words) is content.
        fragment = text.strip(" \n…")
        if language != interface and any(fragment in words for words in content):
            continue
        pieces.append((language, text))
    return pieces


@pytest.fixture
def newsroom(db):
    section = SectionFactory(name="الساحل والصحراء", slug="الساحل-والصحراء")
    author = AuthorFactory(name="ليلى المنصوري", slug="ليلى-المنصوري")
    article = ArticleFactory(
        title="مشاورات الأمن الغذائي في الساحل",
        deck="يلتقي المفاوضون لبحث ملفات الأمن والتنمية.",
        section=section,
        authors=[author],
        hashtags=["الساحل_الإفريقي"],
        image=image_file(),
        image_caption="مفاوضون في قاعة الاجتماعات",
        image_credit="عين للأنباء",
        image_alt="قاعة اجتماعات",
    )
    older = ArticleFactory(title="جولة جديدة من المشاورات", section=section)
    ReactionKind.objects.get_or_create(
        slug="like", defaults={"emoji": "👍", "label_ar": "أعجبني", "label_en": "Like"}
    )
    content = [article.title, article.deck, article.body, older.title, older.deck, older.body]
    content += [section.name, author.name, "الساحل_الإفريقي", "أعجبني"]
    content += [article.agency, article.city, article.image_caption, article.image_credit]
    content += [article.image_alt, "المشاورات", "zzqqxx"]
    # The language switch names each language in that language.
    content += [get_language_info(code)["name_local"] for code in PLURAL_FORMS]
    content += re.split(r"<[^>]+>", article.body) + re.split(r"<[^>]+>", older.body)
    content = sorted({words for words in content if words.strip()}, key=len, reverse=True)
    return article, section, author, content


def pages(language: str, article, section, author) -> list[tuple[str, int]]:
    """Every kind of public page, with the status it answers."""
    with translation.override(language):
        search = reverse("articles:search")
        return [
            (reverse("articles:home"), 200),
            (article.get_absolute_url(), 200),
            (section.get_absolute_url(), 200),
            (author.get_absolute_url(), 200),
            (reverse("articles:tag", args=["الساحل_الإفريقي"]), 200),
            (search, 200),
            (search + "?q=المشاورات", 200),  # results
            (search + "?q=zzqqxx", 200),  # none
            (search + "?q=x", 200),  # too short
            (reverse("articles:section", args=["لا-يوجد"]), 404),
            (reverse("articles:detail", kwargs={"pk": 999999, "slug": "x"}), 404),
        ]


def test_english_pages_show_no_arabic_interface_text(client, newsroom):
    article, section, author, content = newsroom
    for url, status in pages("en", article, section, author):
        response = client.get(url)
        assert response.status_code == status, url
        html = response.content.decode()
        assert '<html lang="en" dir="ltr"' in html, url
        pieces = labelled_text(html, content, "en")
        arabic = [text for language, text in pieces if ARABIC_LETTERS.search(text)]
        # English labels inside a story's Arabic markup would be read with an Arabic voice.
        misplaced = [text for language, text in pieces if language == "ar"]
        misplaced = [text for text in misplaced if LATIN_WORD.search(text)]
        assert arabic == [] and misplaced == [], url


def test_arabic_pages_show_no_english_interface_text(client, newsroom):
    article, section, author, content = newsroom
    for url, status in pages("ar", article, section, author):
        response = client.get(url)
        assert response.status_code == status, url
        html = response.content.decode()
        assert '<html lang="ar" dir="rtl"' in html, url
        pieces = labelled_text(html, content, "ar")
        words = {word for _, text in pieces for word in LATIN_WORD.findall(text)}
        assert words <= FORMAT_NAMES, url


# Names that Arabic sites write in Latin letters too: the feeds' formats.
FORMAT_NAMES = {"RSS", "Atom"}


# Section, author and hashtag names are Arabic (there is no English name to show): on any
# page, in any story's markup, they are marked so, or an English voice would read them.


def enclosing_tags(html: str, text: str) -> list[str]:
    """The opening tag of every element whose whole text is ``text``."""
    return re.findall(r"(<[a-z]+\b[^>]*>)\s*" + re.escape(text) + r"\s*</", html)


@pytest.mark.parametrize("language", PLURAL_FORMS)
def test_arabic_names_are_marked_arabic_on_every_page(client, newsroom, language):
    article, section, author, _content = newsroom
    names = [section.name, author.name, "#الساحل_الإفريقي"]
    shown = set()
    for url, status in pages(language, article, section, author):
        if status != 200:
            continue
        html = client.get(url).content.decode()
        parser = LabelledText()
        parser.feed(html)
        for piece_language, text in parser.pieces:
            if text.strip() in names:
                assert piece_language == "ar", (url, text)
                shown.add(text.strip())
        for name in names:
            for tag in enclosing_tags(html, name):
                assert 'lang="ar"' in tag, (url, tag)
                assert 'dir="' in tag or tag.startswith("<bdi"), (url, tag)
    # In the nav, kickers, byline, hashtags, list headings and the search's section filter.
    assert shown == set(names)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_name_in_latin_letters_is_not_marked_arabic(client, db, prefix):
    """An agency's correspondent or a section named in Latin letters keeps an English voice,
    on the Arabic site too."""
    author = AuthorFactory(name="Sarah Jones", slug="sarah-jones")
    section = SectionFactory(name="COP31", slug="cop31")
    article = ArticleFactory(section=section, authors=[author], hashtags=["COP31", "المناخ"])
    html = client.get(prefix + article.get_absolute_url()).content.decode()
    for name in ("Sarah Jones", "COP31", "#COP31"):
        tags = enclosing_tags(html, name)
        assert tags, name
        assert all('lang="en"' in tag for tag in tags), (name, tags)
    assert all('lang="ar"' in tag for tag in enclosing_tags(html, "#المناخ"))
