"""Tampered or malformed input in the admin answers 4xx, a form error or Django's own
"?e=1" redirect, never a 500.

As an editor and as a moderator, every admin page and moderator view they can reach gets
junk (letters for ids, numbers past bigint, NUL bytes, negative numbers, very long strings,
impossible dates) in each GET parameter it reads and each field of each form it posts;
the stories list's actions get junk ids. A sweep over fixed values, then hypothesis.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reversion.models import Version
from taggit.models import Tag

from articles.models import Article
from reactions.models import ModerationAction, Reaction, ReactionKind
from reactions.services import react, void_reactions
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

JUNK = {
    "letters": "abc",
    "huge": "99999999999999999999",
    "nul": "1\x00",
    "negative": "-1",
    "long": "9" * 3000,
    "impossible-date": "2026-02-30",
    "float": "1.5",
    "empty": "",
}
# In forms, where each value is a save tried: one of each kind.
FORM_JUNK = {label: JUNK[label] for label in ("letters", "huge", "nul", "negative", "long")}


def in_turn(junk: dict[str, str], position: int, per_name: int = 3) -> list[tuple[str, str]]:
    """``per_name`` kinds of junk for the parameter or field at ``position`` of a page: the
    empty value (what a cleared box sends) every time, the other kinds in turn, the next
    ones for the next name, so that every kind reaches every page with a few names. (Every
    kind for every name took 100 s, the slowest file of the suite.)"""
    empty = [(label, value) for label, value in junk.items() if value == ""]
    others = [(label, value) for label, value in junk.items() if value != ""]
    n = per_name - len(empty)
    return empty + [others[(position * n + k) % len(others)] for k in range(n)]


# Parameters Django's admin reads on every list, on every other page, and the moderators'
# views' own.
LIST_PARAMS = ["q", "o", "p", "e", "_popup", "_to_field", "all"]
PAGE_PARAMS = ["_to_field", "_popup", "_changelist_filters"]
VIEW_PARAMS = {
    "dashboard": ["start", "end", "article", "sort"],
    "export": ["start", "end", "article"],
    "void": ["scope", "target", "article", "start", "end", "reason"],
}


class FormFields(HTMLParser):
    """The fields a browser would send from the page's form with ``form_id`` (or its first
    posted form that is not the header's: sign out, language), as pairs: what junk
    replaces one at a time."""

    def __init__(self, form_id: str | None = None):
        super().__init__()
        self.form_id, self.inside, self.done = form_id, False, False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done:
            if self.form_id:
                wanted = attrs.get("id") == self.form_id
            else:
                header = attrs.get("id") == "logout-form" or "lang-switch" in (
                    attrs.get("class") or ""
                )
                wanted = not header
            self.inside = wanted and (attrs.get("method") or "").lower() == "post"
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "file", "image"):
                return
            self.fields.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text.lstrip("\n")))
            self._textarea = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_fields(html: str, form_id: str | None = None) -> list[tuple[str, str]]:
    parser = FormFields(form_id)
    parser.feed(html)
    return parser.fields


def replaced(fields: list[tuple[str, str]], name: str, value: str) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for field, old in fields:
        data.setdefault(field, []).append(value if field == name else old)
    data.setdefault(name, [value])
    return data


def check(response, what: str, failures: list[str]) -> None:
    if response.status_code >= 500:
        failures.append(f"{what} → {response.status_code}")


@pytest.fixture
def newsroom(editor, moderator):
    section = SectionFactory(name="سياسة", slug="سياسة")
    author = AuthorFactory(name="كاتب", slug="كاتب")
    article = ArticleFactory(section=section, authors=[author], hashtags=["المناخ", "غزة"])
    kind = ReactionKind.objects.order_by("pk").first()
    react(article=article, reader_key="reader1", kind=kind, ip_hash="hash1")
    reaction = Reaction.objects.get()
    action = void_reactions(moderator=moderator, scope="reader", target="reader1", reason="آلي")
    return {
        "article": article,
        "section": section,
        "author": author,
        "tag": Tag.objects.order_by("pk").first(),
        "kind": kind,
        "reaction": reaction,
        "action": action,
        "editor": editor,
        "moderator": moderator,
    }


def pages_of(newsroom: dict, who: str) -> list[str]:
    """Every admin page (list, add, change, history, delete) of every model, and the
    project's own views: the ones this user cannot reach answer 403 or redirect."""
    objects = {
        Article: newsroom["article"],
        ReactionKind: newsroom["kind"],
        Reaction: newsroom["reaction"],
        ModerationAction: newsroom["action"],
        type(newsroom["section"]): newsroom["section"],
        type(newsroom["author"]): newsroom["author"],
        Tag: newsroom["tag"],
        type(newsroom["editor"]): newsroom[who],
    }
    pages = ["/admin/", "/admin/autocomplete/"]
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages += [reverse(f"{info}_changelist"), reverse(f"{info}_add")]
        if (obj := objects.get(model)) is not None:
            for view in ("change", "history", "delete"):
                pages.append(reverse(f"{info}_{view}", args=[obj.pk]))
    article = newsroom["article"]
    version = Version.objects.get_for_object(article).first()
    pages += [
        reverse("admin:articles_article_preview", args=[article.pk]),
        reverse("admin:articles_article_hashtags"),
        reverse("admin:reactions_dashboard"),
        reverse("admin:reactions_export"),
        reverse("admin:reactions_void"),
        reverse("admin:reactions_undo", args=[newsroom["action"].pk]),
        reverse("admin:articles_article_recoverlist"),
    ]
    if version is not None:
        pages.append(reverse("admin:articles_article_revision", args=[article.pk, version.pk]))
    return pages


def params_of(client, page: str) -> list[str]:
    """The parameters this page reads: Django's, its list's filters and date links, and
    the moderators' views' own."""
    response = client.get(page)
    if response.status_code != 200:
        return []  # not this user's page: refused whatever it is asked
    cl = (response.context or {}).get("cl")
    names = list(LIST_PARAMS if cl is not None else PAGE_PARAMS)
    if cl is not None:
        for spec in cl.filter_specs:
            names += spec.expected_parameters()
        if cl.date_hierarchy:
            names += [f"{cl.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    for key, extra in VIEW_PARAMS.items():
        if f"/{key}" in page:
            names += extra
    if page.endswith("/autocomplete/"):
        names += ["app_label", "model_name", "field_name", "term", "page"]
    return list(dict.fromkeys(names))


AUTOCOMPLETE = [
    ("articles", "article", "section"),
    ("articles", "article", "authors"),
    ("articles", "author", "user"),
]


def sweep_get(client, newsroom: dict, who: str) -> list[str]:
    failures: list[str] = []
    for page in pages_of(newsroom, who):
        for position, name in enumerate(params_of(client, page)):
            for label, value in in_turn(JUNK, position):
                url = f"{page}?{urlencode({name: value})}"
                check(client.get(url), f"GET {page} {name}={label}", failures)
    for app_label, model_name, field_name in AUTOCOMPLETE:
        base = {"app_label": app_label, "model_name": model_name, "field_name": field_name}
        for name in (*base, "term", "page"):
            for label, value in JUNK.items():
                url = "/admin/autocomplete/?" + urlencode({**base, name: value})
                check(client.get(url), f"GET autocomplete {field_name} {name}={label}", failures)
    # Junk where the address holds an id.
    article = newsroom["article"]
    for label, value in JUNK.items():
        if not value or "\x00" in value:
            continue
        for url in (
            f"/admin/articles/article/{value}/change/",
            f"/admin/articles/article/{value}/history/",
            f"/admin/articles/article/{article.pk}/history/{value}/",
            f"/admin/articles/article/recover/{value}/",
            f"/admin/reactions/reaction/{value}/change/",
            f"/admin/reactions/moderationaction/{value}/change/",
            f"/admin/reactions/reaction/undo/{value}/",
        ):
            check(client.get(url), f"GET {url[:80]} ({label})", failures)
    return failures


def forms_of(newsroom: dict) -> list[tuple[str, str | None]]:
    """The admin forms to post junk into, with their form's id (None: the first)."""
    article, tag = newsroom["article"], newsroom["tag"]
    section, author, kind = newsroom["section"], newsroom["author"], newsroom["kind"]
    return [
        (reverse("admin:articles_article_change", args=[article.pk]), "article_form"),
        (reverse("admin:articles_section_change", args=[section.pk]), "section_form"),
        (reverse("admin:articles_author_change", args=[author.pk]), "author_form"),
        (reverse("admin:taggit_tag_change", args=[tag.pk]), "tag_form"),
        (reverse("admin:reactions_reactionkind_change", args=[kind.pk]), "reactionkind_form"),
        (reverse("admin:articles_section_changelist"), "changelist-form"),
        (reverse("admin:reactions_reactionkind_changelist"), "changelist-form"),
        (reverse("admin:reactions_void") + "?scope=reader&target=reader1", None),
        (reverse("admin:reactions_undo", args=[newsroom["action"].pk]), None),
    ]


def sweep_post(client, newsroom: dict) -> list[str]:
    failures: list[str] = []
    for page, form_id in forms_of(newsroom):
        response = client.get(page)
        if response.status_code != 200:
            continue  # not this user's page
        fields = form_fields(response.content.decode(), form_id)
        names = [name for name, _ in fields if name != "csrfmiddlewaretoken"]
        for position, name in enumerate(dict.fromkeys(names)):
            for label, value in in_turn(FORM_JUNK, position):
                data = replaced(fields, name, value)
                check(client.post(page, data), f"POST {page} {name}={label}", failures)
    return failures


# The ways an action's form can be mangled: the selection, the confirmation, the index.
ACTION_SHAPES = (
    lambda action, value: {"action": action, "_selected_action": value, "index": "0"},
    lambda action, value: {"action": action, "_selected_action": ["1", value], "post": "yes"},
    lambda action, value: {"action": action, "_selected_action": "1", "index": value},
    lambda action, value: {"action": action, "select_across": value, "index": "0"},
    lambda action, value: {"action": action, "_selected_action": "1", "keep": value, "post": "yes"},
)


def sweep_actions(client, newsroom: dict) -> list[str]:
    failures: list[str] = []
    lists = {
        reverse("admin:articles_article_changelist"): ["publish", "unpublish", "archive"],
        reverse("admin:taggit_tag_changelist"): ["merge_selected"],
        reverse("admin:articles_section_changelist"): ["delete_selected"],
        reverse("admin:reactions_reactionkind_changelist"): ["delete_selected"],
    }
    for page, actions in lists.items():
        for action in [*actions, "no-such-action"]:
            for position, shape in enumerate(ACTION_SHAPES):
                for label, value in in_turn(JUNK, position, per_name=4):
                    data = shape(action, value)
                    what = f"POST {page} action={action} {sorted(data)} ({label})"
                    check(client.post(page, data), what, failures)
    return failures


@pytest.mark.parametrize("who", ["editor", "moderator"])
def test_junk_in_admin_addresses_never_fails(client, newsroom, who):
    client.force_login(newsroom[who])
    client.raise_request_exception = False  # every 500 listed, not the first raised
    failures = sweep_get(client, newsroom, who)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("who", ["editor", "moderator"])
def test_junk_in_admin_forms_never_fails(client, newsroom, who):
    client.force_login(newsroom[who])
    client.raise_request_exception = False  # every 500 listed, not the first raised
    failures = sweep_post(client, newsroom)
    assert not failures, "\n".join(failures)


def test_junk_ids_in_admin_actions_never_fail(client, newsroom):
    client.force_login(newsroom["editor"])
    client.raise_request_exception = False
    failures = sweep_actions(client, newsroom)
    assert not failures, "\n".join(failures)


def test_a_tampered_selection_is_refused_with_a_message_on_the_list(client, newsroom):
    """Django filtered the list by the ids as sent, and «abc» answered 500. Refused, the
    editor is back on the list with the reason, as when they select nothing."""
    client.force_login(newsroom["editor"])
    article = newsroom["article"]
    data = {"action": "unpublish", "_selected_action": [str(article.pk), "abc"], "index": "0"}
    for prefix, message in [
        ("", "لم يُنفَّذ الإجراء: في العناصر المختارة رقم غير صالح."),
        ("/en", "Nothing was done: the selection holds an invalid id."),
    ]:
        page = f"{prefix}/admin/articles/article/?status__exact=published"
        response = client.post(page, data)
        assert response.status_code == 302
        assert response["Location"] == page
        listing = client.get(page)
        assert [str(m) for m in listing.context["messages"]] == [message]
        assert 'class="error"' in listing.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED  # nothing done


def test_junk_for_a_section_or_an_author_is_a_form_error(client, newsroom):
    """The autocomplete boxes looked up the values sent to draw them chosen: «abc» was a
    500 before the form could say it is not a choice."""
    client.force_login(newsroom["editor"])
    page = reverse("admin:articles_article_change", args=[newsroom["article"].pk])
    fields = form_fields(client.get(page).content.decode(), "article_form")
    for name in ("section", "authors"):
        response = client.post(page, replaced(fields, name, "abc"))
        assert response.status_code == 200, name
        assert name in response.context["adminform"].form.errors


def test_an_empty_to_field_is_no_field(client, newsroom):
    """«?_to_field=» passed Django's check (no field named) and then named one: 500."""
    client.force_login(newsroom["editor"])
    section = newsroom["section"]
    for view in ("change", "delete"):
        page = reverse(f"admin:articles_section_{view}", args=[section.pk])
        assert client.get(page + "?_to_field=").status_code == 200, view


junk_text = st.one_of(
    st.sampled_from(list(JUNK.values())),
    st.text(max_size=60),
    st.integers().map(str),
    st.from_regex(r"\A[0-9]{19,30}\Z"),
    st.dates().map(lambda day: f"{day:%Y-%m-%d}"),
)


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_generated_junk_in_the_story_form_and_its_actions_never_fails(client, newsroom, data):
    client.force_login(newsroom["editor"])
    client.raise_request_exception = False
    page = reverse("admin:articles_article_change", args=[newsroom["article"].pk])
    fields = form_fields(client.get(page).content.decode(), "article_form")
    names = sorted({name for name, _ in fields} - {"csrfmiddlewaretoken"})
    name, value = data.draw(st.sampled_from(names)), data.draw(junk_text)
    response = client.post(page, replaced(fields, name, value))
    assert response.status_code < 500, (name, value)
    action = data.draw(st.sampled_from(["publish", "unpublish", "archive"]))
    selected = data.draw(st.lists(junk_text, min_size=1, max_size=3))
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": selected, "index": data.draw(junk_text)},
    )
    assert response.status_code < 500, (action, selected)
