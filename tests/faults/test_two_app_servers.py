"""Two app server processes on one database behave like one (a page another server
edited: within pagecache.RECHECK seconds)."""

import re
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie

from tests.faults.conftest import article_title, count_rows_and_tallies


def test_concurrent_reactions_through_both_servers_are_exact(database, two_apps, article_id):
    rows_before, _ = count_rows_and_tallies(database, article_id)
    readers: list[str] = []
    statuses = []
    lock = threading.Lock()

    def tap_then_move(n):
        # A reader taps through one server, then moves its reaction through the other.
        first, second = two_apps[n % 2], two_apps[(n + 1) % 2]
        status, _body, headers = first.react(article_id, "like")
        cookie = SimpleCookie(headers.get("Set-Cookie", ""))
        jar = "; ".join(f"{k}={v.value}" for k, v in cookie.items())
        moved, body, _h = second.react(article_id, "wow", cookie=jar)
        with lock:
            readers.append(jar)
            statuses.append((status, moved, body.get("mine")))

    def run(target, args_list):
        threads = [threading.Thread(target=target, args=args) for args in args_list]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    run(tap_then_move, [(n,) for n in range(24)])
    assert statuses == [(200, 200, "wow")] * 24
    rows, tallies = count_rows_and_tallies(database, article_id)
    assert rows == rows_before + 24  # one live row per reader, never two
    assert tallies == rows

    # Every reader double-clicks «sad» through both servers at once: the first tap moves
    # the reaction, the second takes it back, whichever server each lands on.
    run(two_apps[0].react, [(article_id, "sad", jar) for jar in readers])
    run(two_apps[1].react, [(article_id, "sad", jar) for jar in readers])
    rows, tallies = count_rows_and_tallies(database, article_id)
    assert rows == rows_before
    assert tallies == rows


class AdminSession:
    """An editor's browser session against one app server (HTTPS as seen by the proxy)."""

    def __init__(self, app, username, password):
        self.app = app
        self.cookies: dict[str, str] = {}
        self.origin = f"https://127.0.0.1:{app.port}"
        form = self.get("/admin/login/")
        credentials = {"username": username, "password": password, "next": "/admin/"}
        self.post("/admin/login/", {**credentials, "csrfmiddlewaretoken": self.token(form)})
        assert "sessionid" in self.cookies, "login failed"

    def headers(self, path):
        return {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "X-Forwarded-Proto": "https",
            "Referer": self.origin + path,
            "Origin": self.origin,
        }

    def remember(self, headers):
        for key, value in headers.items():
            if key.lower() == "set-cookie":
                for name, morsel in SimpleCookie(value).items():
                    self.cookies[name] = morsel.value

    def get(self, path):
        _status, body, headers = self.app.request("GET", path, headers=self.headers(path))
        self.remember(headers)
        return body.decode()

    def post(self, path, data):
        headers = {**self.headers(path), "Content-Type": "application/x-www-form-urlencoded"}
        status, body, response_headers = self.app.request(
            "POST", path, urllib.parse.urlencode(data, doseq=True), headers
        )
        self.remember(response_headers)
        return status, body.decode()

    @staticmethod
    def token(html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def change_form_data(html, **changes):
    """The article change form as the browser would send it back."""
    fields = {}
    for name, value in re.findall(r'<input[^>]+name="([^"]+)"[^>]*value="([^"]*)"', html):
        fields[name] = value
    for name in ("body",):
        match = re.search(rf'<textarea[^>]+name="{name}"[^>]*>(.*?)</textarea>', html, re.S)
        fields[name] = match.group(1) if match else ""
    for name in ("section", "status", "language"):
        select = re.search(rf'<select[^>]+name="{name}".*?</select>', html, re.S).group(0)
        fields[name] = re.search(r'<option value="([^"]*)"[^>]*selected', select).group(1)
    fields.pop("_addanother", None)
    fields.pop("_continue", None)
    fields.update(changes)
    return fields


def test_two_editors_on_two_servers_cannot_overwrite_each_other(database, two_apps, article_id):
    first = AdminSession(two_apps[0], "editor", "demo-editor-2026")
    second = AdminSession(two_apps[1], "admin", "demo-admin-2026")
    path = f"/admin/articles/article/{article_id}/change/"
    first_form, second_form = first.get(path), second.get(path)

    status, _ = second.post(path, change_form_data(second_form, title="عنوان من الخادم الثاني"))
    assert status == 302
    status, html = first.post(path, change_form_data(first_form, title="عنوان من الخادم الأول"))
    assert status == 200
    assert "عدّل شخص آخر هذا المقال" in html
    assert article_title(database, article_id) == "عنوان من الخادم الثاني"


def test_an_edit_through_one_server_reaches_the_pages_the_other_remembers(
    database, two_apps, article_id
):
    """Each process serves a page it found current less than RECHECK seconds ago from its
    memory; an edit through the other server reaches it after that, and stays."""
    from articles.pagecache import RECHECK

    reader, editing = two_apps
    status, _body, headers = reader.request("GET", f"/news/{article_id}/")
    path = urllib.parse.urlsplit(headers["Location"]).path if status in (301, 302) else None
    path = path or f"/news/{article_id}/"

    def page() -> str:
        status, body, _headers = reader.request("GET", path)
        assert status == 200
        return body.decode()

    before = article_title(database, article_id)
    for _ in range(6):  # served, and remembered, by both of the reader server's workers
        assert before in page()

    editor = AdminSession(editing, "editor", "demo-editor-2026")
    change = f"/admin/articles/article/{article_id}/change/"
    status, _ = editor.post(change, change_form_data(editor.get(change), title="عنوان حُرّر للتو"))
    assert status == 302

    deadline = time.monotonic() + RECHECK + 3
    while "عنوان حُرّر للتو" not in page():
        assert time.monotonic() < deadline, "the other server still serves the old page"
        time.sleep(0.1)
    # One worker has it; the other's memory is at most RECHECK seconds old by then.
    time.sleep(RECHECK)
    assert all("عنوان حُرّر للتو" in page() for _ in range(6))
