"""The moderators' dashboard and actions in the admin: who may do what, and what it does."""

import csv
import io
import re
from datetime import date, datetime, timedelta
from html import unescape as html_unescape

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from reactions.models import ModerationAction, Reaction, Tally
from reactions.services import react, undo_void, void_reactions
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("admin:reactions_dashboard")
EXPORT = reverse("admin:reactions_export")
VOID = reverse("admin:reactions_void")
REACTIONS = reverse("admin:reactions_reaction_changelist")
LOG = reverse("admin:reactions_moderationaction_changelist")
KINDS = reverse("admin:reactions_reactionkind_changelist")


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user("reader", password="pw-for-tests-only")


@pytest.fixture
def people(reader, reporter, editor, moderator, superuser):
    return {
        "anonymous": None,
        "reader": reader,
        "reporter": reporter,
        "editor": editor,
        "moderator": moderator,
        "superuser": superuser,
    }


def as_(client, user):
    if user is not None:
        client.force_login(user)
    return client


def count(article, slug):
    tally = Tally.objects.filter(article=article, kind__slug=slug).first()
    return tally.count if tally else 0


# Who may see and do what.

MODERATORS = {"moderator", "superuser"}


@pytest.mark.parametrize("who", ["reporter", "editor", "moderator", "superuser"])
def test_the_admin_home_leads_moderators_to_their_pages(client, people, who):
    """The dashboard and the void form are not models: the app list did not name them."""
    client = as_(client, people[who])
    html = client.get("/admin/").content.decode()
    shown = f'href="{DASHBOARD}"' in html and f'href="{VOID}"' in html
    assert shown is (who in MODERATORS)
    if shown:
        assert "الإشراف على التفاعلات" in html
        english = client.get("/en/admin/").content.decode()
        assert "Reactions moderation" in english and "Reactions dashboard" in english


@pytest.mark.parametrize(
    "who", ["anonymous", "reader", "reporter", "editor", "moderator", "superuser"]
)
def test_dashboard_pages_are_for_moderators_and_superusers(client, people, who, article):
    client = as_(client, people[who])
    for url in (DASHBOARD, EXPORT, VOID, REACTIONS, LOG):
        response = client.get(url)
        if who in MODERATORS:
            assert response.status_code == 200, (who, url)
        elif who in {"anonymous", "reader"}:
            assert response.status_code == 302, (who, url)
            assert "/admin/login/" in response["Location"]
        else:
            assert response.status_code == 403, (who, url)


@pytest.mark.parametrize(
    "who", ["anonymous", "reader", "reporter", "editor", "moderator", "superuser"]
)
def test_only_moderators_can_void_and_undo(client, people, who, article, kinds, moderator):
    react(article=article, reader_key="other", kind=kinds["sad"])
    earlier = void_reactions(moderator=moderator, scope="reader", target="other", reason="x")
    react(article=article, reader_key="r1", kind=kinds["like"])
    reaction = Reaction.objects.live().get()
    client = as_(client, people[who])

    response = client.post(VOID, {"scope": "reaction", "target": reaction.pk, "reason": "تجربة"})
    undo = client.post(reverse("admin:reactions_undo", args=[earlier.pk]))
    reaction.refresh_from_db()
    earlier.refresh_from_db()
    if who in MODERATORS:
        assert response.status_code == 302
        assert reaction.voided_at is not None
        assert undo.status_code == 302
        assert earlier.is_undone
    else:
        assert response.status_code in (302, 403)
        assert reaction.voided_at is None
        assert not earlier.is_undone
        assert ModerationAction.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "can_add"),
    [("reporter", False), ("editor", True), ("moderator", False), ("superuser", True)],
)
def test_editors_manage_reaction_kinds(client, people, who, can_add, kinds):
    client = as_(client, people[who])
    response = client.post(
        reverse("admin:reactions_reactionkind_add"),
        {"slug": "clap", "emoji": "👏", "label_ar": "تصفيق", "label_en": "Clap", "order": 7,
         "active": "on"},
    )  # fmt: skip
    assert (response.status_code == 302) is can_add
    assert kinds["like"].__class__.objects.filter(slug="clap").exists() is can_add
    listing = client.get(KINDS)
    assert listing.status_code == (200 if who != "reporter" else 403)


def test_nobody_deletes_or_edits_reaction_rows_in_the_admin(client, superuser, article, kinds):
    react(article=article, reader_key="r1", kind=kinds["like"])
    reaction = Reaction.objects.get()
    client.force_login(superuser)
    delete = client.post(
        reverse("admin:reactions_reaction_delete", args=[reaction.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    change = client.post(
        reverse("admin:reactions_reaction_change", args=[reaction.pk]), {"kind": kinds["sad"].pk}
    )
    assert change.status_code in (302, 403)
    reaction.refresh_from_db()
    assert reaction.kind == kinds["like"]
    assert Reaction.objects.exists()


# What the dashboard shows.


def make_activity(kinds):
    busy, quiet = ArticleFactory(title="خبر ساخن"), ArticleFactory(title="خبر هادئ")
    for i in range(25):
        react(article=busy, reader_key=f"bot{i}", kind=kinds["angry"], ip_hash="flood")
    for i in range(3):
        react(article=busy, reader_key=f"r{i}", kind=kinds["love"], ip_hash=f"h{i}")
    react(article=quiet, reader_key="r0", kind=kinds["sad"], ip_hash="h0")
    return busy, quiet


def test_dashboard_shows_counts_chart_top_and_suspicious(client, moderator, kinds):
    _busy, _quiet = make_activity(kinds)
    client.force_login(moderator)
    response = client.get(DASHBOARD)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html
    assert html.count('<rect class="bar"') == 7  # one bar per day of the default week
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<script" not in svg
    assert "خبر ساخن" in html and "خبر هادئ" in html
    rows = [(row.title, row.total) for row, _cells in response.context["rows"]]
    assert rows == [("خبر ساخن", 28), ("خبر هادئ", 1)]
    suspicious = response.context["suspicious"]
    assert [(w.ip_hash, w.n, w.readers, w.title) for w in suspicious] == [
        ("flood", 25, 25, "خبر ساخن")
    ]
    top = {kind.slug: entries for kind, entries in response.context["top"]}
    assert [(row.title, n) for row, n in top["angry"]] == [("خبر ساخن", 25)]


def test_dashboard_sorts_by_a_kind_and_by_title(client, moderator, kinds):
    make_activity(kinds)
    client.force_login(moderator)
    by_sad = client.get(DASHBOARD, {"sort": "sad"}).context["rows"]
    assert by_sad[0][0].title == "خبر هادئ"
    by_title = client.get(DASHBOARD, {"sort": "title"}).context["rows"]
    assert [row.title for row, _ in by_title] == sorted(["خبر ساخن", "خبر هادئ"])
    assert client.get(DASHBOARD, {"sort": "nonsense"}).context["sort"] == "total"


def test_dashboard_uses_hours_for_short_periods_and_survives_bad_input(client, moderator, kinds):
    make_activity(kinds)
    client.force_login(moderator)
    today = timezone.localdate().isoformat()
    response = client.get(DASHBOARD, {"start": today, "end": today})
    assert response.context["unit"] == "hour"
    assert response.content.decode().count('<rect class="bar"') == 24
    for bad in ({"start": "yesterday"}, {"start": "2026-05-01", "end": "2026-01-01"},
                {"start": "1900-01-01", "end": "2026-01-01"}):  # fmt: skip
        assert client.get(DASHBOARD, bad).status_code == 200
        assert client.get(EXPORT, bad).status_code == 400
    assert client.get(DASHBOARD, {"sort": "<script>"}).status_code == 200
    assert client.get(EXPORT, {"sort": "<script>"}).status_code == 200


def test_csv_export_counts_per_article_and_kind(client, moderator, kinds):
    busy, quiet = make_activity(kinds)
    ArticleFactory(title="=HYPERLINK(1)")  # no reactions: not listed
    client.force_login(moderator)
    response = client.get(EXPORT)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "article_id",
        "title",
        "like",
        "love",
        "haha",
        "wow",
        "sad",
        "angry",
        "total",
    ]
    assert rows[1] == [str(busy.pk), "خبر ساخن", "0", "3", "0", "0", "0", "25", "28"]
    assert rows[2] == [str(quiet.pk), "خبر هادئ", "0", "0", "0", "0", "1", "0", "1"]
    assert len(rows) == 3


def test_csv_cells_cannot_become_formulas(client, moderator, kinds):
    article = ArticleFactory(title="=HYPERLINK(1)")
    react(article=article, reader_key="r", kind=kinds["like"])
    client.force_login(moderator)
    rows = list(csv.reader(io.StringIO(client.get(EXPORT).content.decode("utf-8-sig"))))
    assert rows[1][1] == "'=HYPERLINK(1)"


# Voiding and undoing through the admin.


def test_a_burst_in_eastern_digits_leads_to_its_void_page(client, moderator, kinds, settings):
    """The suspicious table and the void page write counts and times in the page's digits;
    the address hash and times in the void form read left to right (its start was cut)."""
    settings.NEWSROOM_EASTERN_ARABIC_DIGITS = True
    make_activity(kinds)
    client.force_login(moderator)
    html = client.get(DASHBOARD).content.decode()
    row = r"<tr>(?:(?!</tr>).)*<code dir=\"ltr\">flood</code>.*?</tr>"
    burst = re.search(row, html, re.S).group()
    assert re.search(r'<td class="rx-num"[^>]*><strong>٢٥</strong></td>', burst)
    when = r'<td class="rx-when"[^>]*>[٠-٩]+ \w+ [٠-٩]{4}<br>[٠-٩]{2}:[٠-٩]{2}(–[٠-٩:]+)?</td>'
    assert re.search(when, burst)
    void_link = html_unescape(re.search(r'href="([^"]*/void/[^"]*)"', burst).group(1))
    assert " " not in void_link  # the period's times are encoded in the address
    preview = client.get(void_link).content.decode()
    assert "سيُلغى ٢٥ تفاعلًا قائمًا." in preview
    for name in ("target", "start", "end"):
        assert re.search(rf'<input [^>]*name="{name}"[^>]*dir="ltr"', preview), name


def test_voiding_an_address_hash_from_the_dashboard_and_undoing_it(client, moderator, kinds):
    busy, _quiet = make_activity(kinds)
    client.force_login(moderator)
    now = timezone.localtime()
    period = {
        "start": (now - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S"),
        "end": (now + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S"),
    }
    preview = client.get(VOID, {"scope": "ip_hash", "target": "flood", **period})
    assert preview.context["affected"] == 25
    assert count(busy, "angry") == 25  # a preview changes nothing

    response = client.post(
        VOID, {"scope": "ip_hash", "target": "flood", "reason": "دفعة آلية", **period}
    )
    assert response.status_code == 302
    assert count(busy, "angry") == 0
    assert count(busy, "love") == 3
    api = client.get(reverse("reactions:react", args=[busy.pk])).json()
    assert api["counts"]["angry"] == 0
    action = ModerationAction.objects.get()
    assert (action.moderator, action.reason, action.affected) == (moderator, "دفعة آلية", 25)
    assert "دفعة آلية" in client.get(LOG).content.decode()

    undo_url = reverse("admin:reactions_undo", args=[action.pk])
    assert client.get(undo_url).status_code == 200
    assert client.post(undo_url).status_code == 302
    assert count(busy, "angry") == 25
    action.refresh_from_db()
    assert action.undone_by == moderator
    assert action.restored == 25


def test_voiding_a_reader_from_the_reaction_list(client, moderator, kinds):
    article = ArticleFactory()
    react(article=article, reader_key="abc123", kind=kinds["wow"])
    react(article=article, reader_key="def456", kind=kinds["wow"])
    client.force_login(moderator)
    listing = client.get(REACTIONS).content.decode()
    assert "scope=reader&amp;target=abc123" in listing
    client.post(VOID, {"scope": "reader", "target": "abc123", "reason": "حساب آلي"})
    assert count(article, "wow") == 1


@pytest.mark.parametrize(
    "data",
    [
        {"scope": "reaction", "target": "abc", "reason": "x"},
        {"scope": "everything", "target": "1", "reason": "x"},
        {"scope": "reader", "target": "r1", "reason": ""},
        {"scope": "reader", "target": "'; DROP TABLE --", "reason": "x"},
        {"scope": "ip_hash", "target": "h", "reason": "x", "start": "soon"},
    ],
)
def test_void_form_rejects_bad_input_without_acting(client, moderator, article, kinds, data):
    react(article=article, reader_key="r1", kind=kinds["like"], ip_hash="h")
    client.force_login(moderator)
    response = client.post(VOID, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not ModerationAction.objects.exists()
    assert count(article, "like") == 1


# Periods and scopes a moderator may mistype (QA findings).

CALENDAR_EDGES = [
    {"start": "9999-12-31", "end": "9999-12-31"},
    {"end": "9999-12-31"},
    {"end": "0001-01-03"},
    {"start": "0001-01-01", "end": "0001-01-01"},
    {"start": "0001-01-01"},
]


@pytest.mark.parametrize("period", CALENDAR_EDGES)
def test_periods_at_the_calendar_edges_are_form_errors_not_server_errors(
    client, moderator, kinds, period
):
    client.force_login(moderator)
    response = client.get(DASHBOARD, period)
    assert response.status_code == 200
    assert response.context["period"].errors
    html = response.content.decode()
    assert "خارج المدى المقبول" in html
    assert "الفترة المطلوبة غير صالحة" in html
    export = client.get(EXPORT, period)
    assert export.status_code == 400
    assert "خارج المدى المقبول" in export.content.decode()


@pytest.mark.parametrize(
    "period",
    [{"start": "garbage"}, {"start": "2026-02-30"}, {"start": "2026-05-02", "end": "2026-05-01"}],
)
def test_a_bad_period_is_shown_as_an_error_with_the_period_shown_instead(
    client, moderator, kinds, period
):
    client.force_login(moderator)
    response = client.get(DASHBOARD, period)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["period"].errors
    assert 'class="errorlist' in html
    assert "الفترة المطلوبة غير صالحة؛ تُعرض الأيام السبعة الأخيرة بدلًا منها." in html
    today = timezone.localdate()
    assert response.context["last_day"] == today
    with translation.override("ar"):
        first, last = (date_format(day, "j F Y") for day in (today - timedelta(days=6), today))
    assert f"{first} إلى {last}" in html
    # The export link names the days shown, not the period that failed.
    start = today - timedelta(days=6)
    assert f"{EXPORT}?start={start:%Y-%m-%d}&amp;end={today:%Y-%m-%d}" in html

    export = client.get(EXPORT, period)
    assert export.status_code == 400
    assert export["Content-Type"] == "text/plain; charset=utf-8"
    assert "لم يُصدَّر شيء: الفترة غير صالحة." in export.content.decode()


def test_a_valid_period_has_no_error(client, moderator, kinds):
    client.force_login(moderator)
    response = client.get(DASHBOARD, {"start": "2026-11-20", "end": "2026-12-02"})
    assert not response.context["period"].errors
    assert "الفترة المطلوبة غير صالحة" not in response.content.decode()


def test_periods_typed_with_arabic_indic_digits(client, moderator, kinds):
    article = ArticleFactory()
    react(article=article, reader_key="r1", kind=kinds["like"])
    Reaction.objects.update(created_at=timezone.make_aware(datetime(2026, 11, 25, 12)))
    client.force_login(moderator)
    response = client.get(DASHBOARD, {"start": "٢٠٢٦-١١-٢٠", "end": "٢٠٢٦-١٢-٠٢"})
    assert not response.context["period"].errors
    assert response.context["start"].date() == date(2026, 11, 20)
    assert response.context["last_day"] == date(2026, 12, 2)
    assert response.context["total"] == 1
    assert client.get(DASHBOARD, {"start": "۲۰۲۶-۱۱-۲۰"}).context["start"].date() == date(
        2026, 11, 20
    )  # Persian digits too


def test_csv_filename_ends_with_the_last_day_included(client, moderator, kinds):
    client.force_login(moderator)
    response = client.get(EXPORT, {"start": "2026-11-26", "end": "2026-12-02"})
    assert response.status_code == 200
    assert 'filename="reactions-20261126-20261202.csv"' in response["Content-Disposition"]
    one_day = client.get(EXPORT, {"start": "2026-12-02", "end": "2026-12-02"})
    assert 'filename="reactions-20261202-20261202.csv"' in one_day["Content-Disposition"]


@pytest.fixture
def two_articles_one_reader(kinds):
    first, second = ArticleFactory(), ArticleFactory()
    for article in (first, second):
        react(article=article, reader_key="r1", kind=kinds["like"], ip_hash="h1")
    react(article=first, reader_key="r2", kind=kinds["like"], ip_hash="h2")
    return first, second


def test_voiding_on_an_article_that_does_not_exist_is_an_error_not_every_article(
    client, moderator, two_articles_one_reader
):
    first, second = two_articles_one_reader
    missing = max(first.pk, second.pk) + 1000
    client.force_login(moderator)
    for scope, target in (("ip_hash", "h1"), ("reader", "r1")):
        query = {"scope": scope, "target": target, "article": missing}
        preview = client.get(VOID, query)
        assert preview.status_code == 200
        assert preview.context["affected"] is None
        assert "لا يوجد مقال بهذا الرقم." in preview.content.decode()
        assert "سيُلغى" not in preview.content.decode()

        response = client.post(VOID, {**query, "reason": "خطأ مطبعي"})
        assert response.status_code == 200
        assert response.context["form"].errors["article"] == ["لا يوجد مقال بهذا الرقم."]
    assert not ModerationAction.objects.exists()
    assert Reaction.objects.live().count() == 3
    assert (count(first, "like"), count(second, "like")) == (2, 1)

    # The article that exists limits the void to it.
    query = {"scope": "reader", "target": "r1", "article": second.pk}
    assert client.get(VOID, query).context["affected"] == 1
    client.post(VOID, {**query, "reason": "تجربة"})
    assert (count(first, "like"), count(second, "like")) == (2, 0)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"scope": "reaction", "target": "abc"}, "target"),
        ({"scope": "reaction", "target": "99999999999999999999"}, "target"),
        ({"scope": "reader", "target": "r1", "article": "0"}, "article"),
        ({"scope": "reader", "target": "r1", "article": "abc"}, "article"),
        ({"scope": "everything", "target": "r1"}, "scope"),
    ],
)
def test_the_void_preview_shows_the_scope_errors(
    client, moderator, two_articles_one_reader, query, field
):
    client.force_login(moderator)
    response = client.get(VOID, query)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert "reason" not in form.errors  # asked for when the void is submitted, not before
    html = response.content.decode()
    assert 'class="errorlist' in html
    assert response.context["affected"] is None


def test_the_void_preview_without_a_query_shows_no_errors(client, moderator, kinds):
    client.force_login(moderator)
    response = client.get(VOID)
    assert not response.context["form"].errors
    assert 'class="errorlist' not in response.content.decode()


def test_the_moderation_log_cuts_long_reasons_and_keeps_the_table_in_its_box(
    client, moderator, two_articles_one_reader
):
    long_reason = "دفعة آلية من عنوان واحد " * 20
    void_reactions(moderator=moderator, scope="reader", target="r1", reason=long_reason)
    void_reactions(moderator=moderator, scope="ip_hash", target="h2", reason="قصير")
    undone = ModerationAction.objects.get(reason="قصير")
    undo_void(action=undone, moderator=moderator)
    client.force_login(moderator)
    html = client.get(LOG).content.decode()
    assert "reactions/admin.css" in html
    assert f'title="{long_reason}"' in html  # the whole reason, in the tooltip
    assert html.count(long_reason) == 1  # and only there: the cell shows it cut
    assert "دفعة آلية من عنوان واحد دفعة آلية" in html
    assert "…" in html
    assert 'class="field-short_reason">قصير<' in html
    active = ModerationAction.objects.get(scope="reader")
    assert reverse("admin:reactions_undo", args=[active.pk]) in html
    assert reverse("admin:reactions_undo", args=[undone.pk]) not in html
    css = (settings.BASE_DIR / "static/reactions/admin.css").read_text()
    assert ".field-short_reason { min-inline-size:" in css
    assert ".model-moderationaction #changelist-form .results { overflow-x: auto;" in css


def test_the_reaction_list_names_kinds_in_the_moderators_language(client, moderator, kinds):
    react(article=ArticleFactory(), reader_key="r1", kind=kinds["sad"])
    client.force_login(moderator)
    english = html_unescape(client.get(f"/en{REACTIONS}").content.decode())
    # In the rows' kind column and in the kind filter alike.
    assert english.count("😢 Sad") >= 2
    assert "حزين" not in english
    arabic = html_unescape(client.get(REACTIONS).content.decode())
    assert arabic.count("😢 حزين") >= 2
    assert "Sad" not in arabic


def test_the_void_forms_times_say_how_to_type_them(client, moderator, kinds):
    client.force_login(moderator)
    page = client.get(VOID, {"scope": "reader", "target": "r1"}).content.decode()
    assert 'aria-describedby="id_start_helptext"' in page
    # The newsroom's zone (Asia/Riyadh) by its city, as the story form's note names it.
    assert "مثل \u20682026-12-03 14:30\u2069، بتوقيت الرياض." in page
    english = client.get(f"/en{VOID}", {"scope": "reader", "target": "r1"}).content.decode()
    assert "e.g. \u20682026-12-03 14:30\u2069, Riyadh time." in english

    typed = {"scope": "reader", "target": "r1", "reason": "x", "start": "٣ ديسمبر"}
    response = client.post(VOID, typed)
    assert response.context["form"].errors["start"] == [
        "اكتب التاريخ والوقت بهذا الشكل: \u20682026-12-03 14:30\u2069"
    ]
    assert not ModerationAction.objects.exists()


def test_a_void_sent_twice_is_logged_once_and_says_who_voided_it(
    client, moderator, superuser, kinds
):
    """A second moderator (or a second press) on a burst already voided: nothing more is
    voided or logged, and the page says who voided it and when."""
    busy, _quiet = make_activity(kinds)
    data = {"scope": "ip_hash", "target": "flood", "reason": "دفعة آلية"}
    client.force_login(moderator)
    client.post(VOID, data, follow=True)
    first = ModerationAction.objects.get()

    client.force_login(superuser)
    response = client.post(VOID, data, follow=True)
    assert response.redirect_chain[-1][0] == LOG
    when = date_format(timezone.localtime(first.created_at), "DATETIME_FORMAT")
    assert [str(m) for m in response.context["messages"]] == [
        f"لم يُلغَ شيء: ألغى moderator هذه التفاعلات في {when}."
    ]
    assert list(ModerationAction.objects.all()) == [first]
    assert first.affected == 25
    assert count(busy, "angry") == 0


def test_voiding_what_is_not_there_logs_nothing(client, moderator, kinds):
    make_activity(kinds)
    client.force_login(moderator)
    response = client.post(VOID, {"scope": "reader", "target": "nobody", "reason": "خطأ"})
    assert response.status_code == 200
    assert "لا تفاعلات قائمة في هذا النطاق، فلم يُلغَ شيء." in response.content.decode()
    assert not ModerationAction.objects.exists()
    assert Reaction.objects.live().count() == 29


def test_the_log_says_when_an_action_was_undone_as_it_says_when_it_was_done(
    client, moderator, two_articles_one_reader
):
    """Day, month name and 24-hour time, as every time in the log: the undo column said
    «12/03/2026 12:36 م», month first, which an Arabic reader takes for 12 March."""
    action = void_reactions(moderator=moderator, scope="ip_hash", target="h2", reason="x")
    undo_void(action=action, moderator=moderator)
    action.refresh_from_db()
    client.force_login(moderator)
    for prefix, language in (("", "ar"), ("/en", "en")):
        html = client.get(prefix + LOG).content.decode()
        cell = re.search(r'<td class="field-undo_link">(.*?)</td>', html, re.S).group(1)
        with translation.override(language):
            done = date_format(timezone.localtime(action.created_at), "DATETIME_FORMAT")
            undone = date_format(timezone.localtime(action.undone_at), "DATETIME_FORMAT")
        assert done in html
        assert f">{undone}</span>" in cell


def test_suspicious_activity_comes_first_and_says_which_story_when_and_why(
    client, moderator, kinds
):
    """A moderator acting on abuse reads it at the top: the story the address hit (and how
    many others), from when to when, and which threshold it crossed, in bold. A window
    crossing both thresholds is listed once, not in two tables."""
    _busy, quiet = make_activity(kinds)
    minute = timezone.localtime().replace(second=0, microsecond=0)
    start = minute - timedelta(minutes=minute.minute % 10)  # a window's start
    Reaction.objects.filter(ip_hash="flood").update(created_at=start + timedelta(minutes=1))
    first = Reaction.objects.filter(ip_hash="flood").order_by("pk").first()
    Reaction.objects.filter(pk=first.pk).update(created_at=start + timedelta(minutes=4))
    react(article=quiet, reader_key="bot0", kind=kinds["sad"], ip_hash="flood")
    Reaction.objects.filter(article=quiet, reader_key="bot0").update(
        created_at=start + timedelta(minutes=2)
    )
    for i in range(6):  # six readers from one address, six reactions: under 20
        react(article=quiet, reader_key=f"shared{i}", kind=kinds["like"], ip_hash="office")
    client.force_login(moderator)
    html = client.get(DASHBOARD).content.decode()

    section = html[html.index('class="module rx-suspicious"') : html.index('class="rx-chart"')]
    assert "<h2>نشاط مريب (2)</h2>" in section
    rows = re.findall(r"<tr>(.*?)</tr>", section[section.index("<tbody>") :], re.S)
    assert len(rows) == 2
    flood, office = rows
    assert ">خبر ساخن</a>" in flood and "ومقال آخر" in flood
    with translation.override("ar"):
        day = date_format(start, "j F Y")
    times = f"{start + timedelta(minutes=1):%H:%M}–{start + timedelta(minutes=4):%H:%M}"
    assert f'data-label="الوقت">{day}<br>{times}</td>' in flood
    assert re.search(r'data-label="تفاعلات \(الحدّ 20\)"><strong>26</strong>', flood)
    assert re.search(r'data-label="قرّاء \(الحدّ 5\)"><strong>25</strong>', flood)  # bot0 twice
    assert "?q=flood" in flood and "scope=ip_hash&amp;target=flood" in flood
    assert ">خبر هادئ</a>" in office and "مقال آخر" not in office
    assert re.search(r'data-label="تفاعلات \(الحدّ 20\)">6</td>', office)  # not bold
    assert re.search(r'data-label="قرّاء \(الحدّ 5\)"><strong>6</strong>', office)
    assert "حدّ التفاعلات أو حدّ القرّاء" in section


def test_no_suspicious_activity_says_so_at_the_top(client, moderator, kinds):
    react(article=ArticleFactory(), reader_key="r1", kind=kinds["like"], ip_hash="h")
    client.force_login(moderator)
    html = client.get(DASHBOARD).content.decode()
    section = html[html.index('class="module rx-suspicious"') : html.index('class="rx-chart"')]
    assert "<h2>نشاط مريب</h2>" in section
    assert "لا شيء لافت في هذه الفترة." in section
    assert "<table" not in section


# One story's counts over time (?article=).


def test_a_storys_counts_over_time_and_its_bursts_alone(client, moderator, kinds):
    busy, quiet = make_activity(kinds)
    for i in range(20):  # another address's burst, on the other story
        react(article=quiet, reader_key=f"other{i}", kind=kinds["wow"], ip_hash="elsewhere")
    client.force_login(moderator)
    everything = client.get(DASHBOARD, {"sort": "sad"}).content.decode()
    # Each story in the table, and the story a burst hit, open the story's own view.
    assert f'href="?sort=sad&amp;article={busy.pk}"' in everything

    today = timezone.localdate().isoformat()
    response = client.get(DASHBOARD, {"article": busy.pk, "start": today, "end": today})
    html = response.content.decode()
    assert [(row.title, row.total) for row, _cells in response.context["rows"]] == [
        ("خبر ساخن", 28)
    ]
    assert response.context["total"] == 28
    chart = response.context["chart"]
    assert chart.unit == "hour" and sum(bar.count for bar in chart.bars) == 28
    assert [w.ip_hash for w in response.context["suspicious"]] == ["flood"]
    assert "خبر هادئ" not in html
    assert "الأعلى في كل نوع" not in html
    assert "مقال واحد:" in html
    assert f'<input type="hidden" name="article" value="{busy.pk}">' in html
    assert f'href="{busy.get_absolute_url()}">صفحة المقال</a>' in html
    assert f"{REACTIONS}?article__id__exact={busy.pk}" in html
    assert f'href="?start={today}&amp;end={today}">كل المقالات</a>' in html

    export = client.get(EXPORT, {"article": busy.pk, "start": today, "end": today})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["خبر ساخن"]
    day = today.replace("-", "")
    assert f'filename="reactions-{busy.pk}-{day}-{day}.csv"' in export["Content-Disposition"]


def test_an_archived_storys_reactions_stay_readable_and_say_it_is_archived(
    client, moderator, kinds
):
    busy, _quiet = make_activity(kinds)
    busy.status = busy.Status.ARCHIVED
    busy.save()
    client.force_login(moderator)
    html = client.get(DASHBOARD, {"article": busy.pk}).content.decode()
    assert "(مؤرشف)" in html
    assert "صفحة المقال" not in html  # no public page to open
    assert client.get(DASHBOARD, {"article": busy.pk}).context["total"] == 28


@pytest.mark.parametrize("story", ["deleted", "abc", "0", "-3", "99999999999999999999"])
def test_a_story_deleted_or_mistyped_shows_every_story_and_says_so(client, moderator, kinds, story):
    busy, _quiet = make_activity(kinds)
    if story == "deleted":
        story = str(busy.pk)
        busy.delete()  # its reactions and tallies go with it
    client.force_login(moderator)
    response = client.get(DASHBOARD, {"article": story})
    assert response.status_code == 200
    html = response.content.decode()
    assert "المقال المطلوب غير موجود (ربما حُذف)؛ تُعرض كل المقالات." in html
    assert response.context["story"] is None
    shown = [row.title for row, _cells in response.context["rows"]]
    assert shown == (["خبر هادئ"] if busy.pk is None else ["خبر ساخن", "خبر هادئ"])
    export = client.get(EXPORT, {"article": story})
    assert export.status_code == 400
    assert "لم يُصدَّر شيء: المقال غير موجود." in export.content.decode()


def test_today_and_the_week_are_one_click_and_the_boxes_show_the_days_shown(
    client, moderator, kinds
):
    """The stories most reacted to today: one click, the story and the order kept. The
    period's boxes hold the days the page shows (they were empty for the default week)."""
    busy, _quiet = make_activity(kinds)
    client.force_login(moderator)
    today = timezone.localdate()
    week = (today - timedelta(days=6)).isoformat()
    html = client.get(DASHBOARD).content.decode()
    assert f'name="start" value="{week}"' in html
    assert f'name="end" value="{today.isoformat()}"' in html
    assert f'<a href="?start={week}&amp;end={today}" aria-current="true">آخر 7 أيام</a>' in html

    html = client.get(DASHBOARD, {"article": busy.pk, "sort": "sad"}).content.decode()
    yesterday = today - timedelta(days=1)
    for label, start, end in (
        ("اليوم", today, today),
        ("أمس", yesterday, yesterday),
        ("آخر 30 يومًا", today - timedelta(days=29), today),
    ):
        link = f'<a href="?article={busy.pk}&amp;sort=sad&amp;start={start}&amp;end={end}">'
        assert f"{link}{label}</a>" in html

    response = client.get(DASHBOARD, {"start": today.isoformat(), "end": today.isoformat()})
    assert 'aria-current="true">اليوم</a>' in response.content.decode()
    assert [row.title for row, _cells in response.context["rows"]] == ["خبر ساخن", "خبر هادئ"]
    english = client.get(f"/en{DASHBOARD}").content.decode()
    assert ">Today</a>" in english and ">Last 30 days</a>" in english
    assert '<th scope="col">Day</th>' in english  # the chart's table: "اليوم", the day
    # A period that failed stays as typed, beside its error.
    html = client.get(DASHBOARD, {"start": "2026-02-30"}).content.decode()
    assert 'name="start" value="2026-02-30"' in html
    assert 'aria-current="true"' in html  # the week shown instead


def test_the_void_page_says_what_it_takes_from_each_story(
    client, moderator, kinds, django_assert_max_num_queries
):
    """Before confirming, the moderator sees the burst they found (30 on one story) and
    what else the address did in the period, story by story, the most first."""
    _busy, quiet = make_activity(kinds)
    others = [ArticleFactory(title=f"خبر رقم {n}") for n in range(11)]
    for n, story in enumerate(others):
        react(article=story, reader_key=f"bot{n}", kind=kinds["sad"], ip_hash="flood")
    react(article=quiet, reader_key="bot0", kind=kinds["sad"], ip_hash="flood")
    client.force_login(moderator)
    client.get(VOID)  # the session and the admin's own queries, once
    with django_assert_max_num_queries(8):
        response = client.get(VOID, {"scope": "ip_hash", "target": "flood"})
    html = response.content.decode()
    assert response.context["affected"] == 25 + 11 + 1
    assert "سيُلغى 37 تفاعلًا قائمًا." in html
    item = r"<li><bdi lang=\"ar\">(.*?)</bdi>&nbsp;<span class=\"rx-count\">—&nbsp;(\d+)"
    listed = re.findall(item, html)
    assert listed[:2] == [("خبر ساخن", "25"), ("خبر هادئ", "1")]
    assert len(listed) == 10
    assert "<li>و3 مقالات أخرى</li>" in html  # 13 stories in all, 10 listed
