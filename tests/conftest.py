import pytest
from django.contrib.auth.models import Group

from articles.roles import EDITORS, MODERATORS, REPORTERS


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes its uploads and renditions to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _staff(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(
        username=username, password="pw-for-tests-only", is_staff=True, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def reporter(django_user_model):
    return _staff(django_user_model, "reporter", REPORTERS)


@pytest.fixture
def other_reporter(django_user_model):
    return _staff(django_user_model, "reporter2", REPORTERS)


@pytest.fixture
def editor(django_user_model):
    return _staff(django_user_model, "editor", EDITORS)


@pytest.fixture
def moderator(django_user_model):
    return _staff(django_user_model, "moderator", MODERATORS)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", password="pw-for-tests-only")


@pytest.fixture(scope="session", autouse=True)
def _test_run_settings():
    """This test run's own cache: runs on one machine never share cached pages. Passwords
    hashed with MD5: the production hasher takes half a second a hash by design, and every
    staff fixture and every login hashes one; production keeps Django's default."""
    from django.test.utils import override_settings

    local = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(CACHES=local, PASSWORD_HASHERS=fast):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages and rate-limit counters never leak from one test into another."""
    from django.core.cache import cache

    from articles import pagecache

    cache.clear()
    # What this process remembers is checked against the (now empty) cache again.
    pagecache.recheck_remembered()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: a request under /en/ leaves English active
    in the thread, and the next test's reverse() would otherwise build /en/ addresses."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


def pytest_addoption(parser):
    parser.addoption(
        "--screenshots",
        action="store_true",
        help="browser tests save a full-page screenshot of every page they check, in "
        "tests/browser/screenshots/ (without it, only where a failed test's tabs ended)",
    )


def pytest_xdist_make_scheduler(config, log):
    """`make test` runs the suite on two pytest-xdist workers. Tests that share something
    costly to start stay on one worker: each browser module its Chromium, tests/faults its
    private PostgreSQL and app servers. The rest are shared out one by one. (xdist's own
    grouping by mark, --dist loadgroup, names groups in a way pytest 9.2 no longer reads.)"""
    from xdist.scheduler import LoadScopeScheduling

    class SharedStartScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            if path.startswith("tests/faults/"):
                return "tests/faults"
            if path.startswith("tests/browser/") or path.endswith("_browser.py"):
                return path
            return nodeid

    return SharedStartScheduling(config, log)
