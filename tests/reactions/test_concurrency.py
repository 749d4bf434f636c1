"""Exact counts and one reaction per reader under real concurrency against PostgreSQL.

Threads each hold their own database connection (Django's are per thread); processes
are separate Pythons calling the service. The articles are committed for real (the
``committed`` fixture) so that every connection sees them; the test's own thread only
reads, inside the usual test transaction. The invariants checked afterwards are the
database's: no reader with two live rows, and every tally equal to its live rows.
"""

import random
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest
from django.core import signing
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from reactions.identity import COOKIE_SALT
from reactions.models import ModerationAction, Reaction, Tally
from reactions.services import react
from tests.reactions.conftest import SLUGS, api_url, tap

ROOT = Path(__file__).resolve().parents[2]
THREADS = 8
TAPS_PER_THREAD = 30


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.REACTIONS_RATE_LIMIT_IP = "0"
    settings.REACTIONS_RATE_LIMIT_READER = "0"


def assert_invariants(article):
    duplicates = (
        Reaction.objects.live()
        .values("article", "reader_key")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not duplicates.exists()
    live = Counter(
        Reaction.objects.live().filter(article=article).values_list("kind_id", flat=True)
    )
    tallies = {t.kind_id: t.count for t in Tally.objects.filter(article=article)}
    assert {k: v for k, v in tallies.items() if v} == dict(live)


def run_threads(target, count=THREADS):
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def runner(index):
        try:
            barrier.wait()
            target(index)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


def reader_cookie(settings, reader_id: str) -> str:
    """The signed cookie the endpoint would have set for ``reader_id``."""
    signer = signing.get_cookie_signer(salt=settings.REACTIONS_COOKIE_NAME + COOKIE_SALT)
    return signer.sign(reader_id)


def test_threads_tapping_through_http_keep_counts_exact(committed, settings):
    article = committed.articles[0]
    # Four readers, each in two "tabs" (threads), plus a new reader on every fifth tap.
    cookies = [reader_cookie(settings, f"shared-reader-{i}") for i in range(4)]
    statuses: Counter = Counter()
    lock = threading.Lock()

    def tapper(index):
        rng = random.Random(index)
        tab = Client()
        tab.cookies[settings.REACTIONS_COOKIE_NAME] = cookies[index % 4]
        for n in range(TAPS_PER_THREAD):
            client = Client() if n % 5 == 0 else tab
            response = tap(client, article, rng.choice(SLUGS))
            with lock:
                statuses[response.status_code] += 1

    run_threads(tapper)
    assert statuses == {200: THREADS * TAPS_PER_THREAD}
    assert_invariants(article)
    body = Client().get(api_url(article)).json()
    assert body["total"] == Reaction.objects.live().filter(article=article).count()


def test_double_clicks_never_duplicate_nor_fail(committed):
    """Two requests of one reader with the same kind at the same instant, many times."""
    article, kinds = committed.articles[1], committed.kinds
    for round_ in range(15):
        run_threads(
            lambda _i, r=round_: react(article=article, reader_key=f"r{r}", kind=kinds["love"]),
            count=2,
        )
    assert_invariants(article)
    # However the two raced, they are applied one after the other: a tap, then its undo.
    assert not Reaction.objects.filter(article=article).exists()


def test_processes_reacting_at_once_keep_counts_exact(committed):
    article = committed.articles[2]
    readers = [f"reader-{i}" for i in range(6)]
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.reactions.worker",
                connection.settings_dict["NAME"],
                str(article.pk),
                "40",
                str(seed),
                *readers,
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in range(3)
    ]
    for worker in workers:
        out, err = worker.communicate(timeout=180)
        assert worker.returncode == 0, err
        assert "done" in out
    assert_invariants(article)
    assert Reaction.objects.live().filter(article=article).count() <= len(readers)


@pytest.fixture(scope="module")
def two_moderators(django_db_setup, django_db_blocker):
    """Two moderators committed for real (as ``committed`` is, before any test's
    transaction begins): each thread logs in on its own connection."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from articles.roles import MODERATORS

    with django_db_blocker.unblock():
        users = []
        for name in ("mod-a", "mod-b"):
            user = get_user_model().objects.create_user(
                name, password="pw-for-tests-only", is_staff=True
            )
            user.groups.add(Group.objects.get(name=MODERATORS))
            users.append(user)
        try:
            yield users
        finally:
            actions = ModerationAction.objects.filter(moderator__in=users)
            Reaction.objects.filter(void_action__in=actions).delete()
            actions.delete()
            get_user_model().objects.filter(pk__in=[u.pk for u in users]).delete()
            connection.close()


def test_two_moderators_voiding_one_burst_at_once_void_it_once(committed, two_moderators):
    """Both press «إلغاء التفاعلات» on the same burst at the same instant: the burst is
    voided once, by one action holding every row; the other moderator is told who voided
    it, and the log gains no empty action with an undo that restores nothing."""
    article, kinds = committed.articles[3], committed.kinds

    def burst(_index):
        for i in range(30):
            react(article=article, reader_key=f"burst-{i}", kind=kinds["angry"], ip_hash="one")
        react(article=article, reader_key="calm", kind=kinds["angry"], ip_hash="other")

    run_threads(burst, count=1)  # committed, for the moderators' connections to see
    responses = {}

    def moderate(index):
        client = Client()
        client.force_login(two_moderators[index])
        responses[index] = client.post(
            reverse("admin:reactions_void"),
            {"scope": "ip_hash", "target": "one", "reason": "دفعة آلية"},
            follow=True,
        )

    run_threads(moderate, count=2)
    actions = list(ModerationAction.objects.filter(target="one"))
    assert [action.affected for action in actions] == [30]
    assert_invariants(article)
    assert Client().get(api_url(article)).json()["counts"]["angry"] == 1
    loser = next(i for i in (0, 1) if two_moderators[i] != actions[0].moderator)
    # The pages themselves: the test client's captured contexts mix threads.
    winner_page, loser_page = (
        responses[1 - loser].content.decode(),
        responses[loser].content.decode(),
    )
    assert "أُلغي 30 تفاعلًا." in winner_page
    assert "أُلغي" not in loser_page
    when = date_format(timezone.localtime(actions[0].created_at), "DATETIME_FORMAT")
    assert (
        f"لم يُلغَ شيء: ألغى {actions[0].moderator.username} هذه التفاعلات في {when}." in loser_page
    )
