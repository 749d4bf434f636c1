/* The «ما هو رد فعلك؟» box: fresh counts and the reader's choice, instant taps.
   Without this script the box is a plain form that posts and comes back.
   The counts are fetched when the box comes near the screen (it closes the story: a
   reader who stops earlier costs no request), and again when it comes back into view or
   the tab is shown after STALE, so that a reader who reaches it after minutes of
   reading, or returns to the tab, sees the counts of now, not of when the page opened. */
(function () {
  "use strict";
  var box = document.querySelector(".reactions[data-endpoint]");
  if (!box || !window.fetch) return;
  var endpoint = box.dataset.endpoint;
  var form = box.querySelector("form");
  var status = box.querySelector(".reactions-status");
  var root = document.documentElement;
  var number = new Intl.NumberFormat(
    (root.lang || "ar") + "-u-nu-" + (root.dataset.numbering || "latn")
  );
  var english = /^en/.test(document.documentElement.lang);
  var state = null;
  var busy = false;
  var STALE = 30000;  // ms
  var fetchedAt = 0;  // when the counts were last asked for; 0: never
  var taps = 0;       // a count asked for before a tap must not undo the tap's
  var near = false;

  function buttons() { return box.querySelectorAll("button[name=kind]"); }
  function button(kind) { return box.querySelector('button[name=kind][value="' + kind + '"]'); }
  function label(kind) { var b = button(kind); return b ? b.querySelector(".reaction-label").textContent : kind; }

  function fill(template, kind, count) {
    return template.replace("%(label)s", label(kind)).replace("%(count)s", number.format(count));
  }

  function readPage() {
    var counts = {}, total = 0;
    buttons().forEach(function (b) {
      var n = parseInt(b.querySelector(".reaction-count").dataset.count, 10) || 0;
      counts[b.value] = n; total += n;
    });
    return { counts: counts, total: total, mine: null };
  }

  function render(next) {
    state = next;
    buttons().forEach(function (b) {
      var count = b.querySelector(".reaction-count");
      var n = next.counts[b.value] || 0;
      count.dataset.count = n;
      count.textContent = number.format(n);
      b.setAttribute("aria-pressed", String(next.mine === b.value));
    });
    var total = box.querySelector(".reactions-total-count");
    if (total) { total.dataset.count = next.total; total.textContent = number.format(next.total); }
    if (next.closed) buttons().forEach(function (b) { b.disabled = true; });
  }

  function clone(s) {
    var counts = {};
    Object.keys(s.counts).forEach(function (k) { counts[k] = s.counts[k]; });
    return { counts: counts, total: s.total, mine: s.mine };
  }

  // What the server will do with a tap: add, move, or take back.
  function predict(s, kind) {
    var next = clone(s);
    if (next.mine) { next.counts[next.mine] -= 1; next.total -= 1; }
    if (s.mine === kind) { next.mine = null; return next; }
    next.counts[kind] = (next.counts[kind] || 0) + 1; next.total += 1; next.mine = kind;
    return next;
  }

  function announce(text) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function request(method, body) {
    var options = { method: method, credentials: "same-origin", headers: { Accept: "application/json" } };
    if (body) {
      options.headers["Content-Type"] = "application/x-www-form-urlencoded";
      options.body = body;
    }
    return fetch(endpoint, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok || !data.counts) throw data;
        return data;
      });
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var tapped = event.submitter;
    if (!tapped || tapped.name !== "kind" || busy) return;
    var kind = tapped.value;
    var before = state || readPage();
    var guess = predict(before, kind);
    busy = true;
    taps += 1;
    box.setAttribute("aria-busy", "true");
    render(guess);
    request("POST", "kind=" + encodeURIComponent(kind)).then(function (data) {
      render(data);
      var template = data.mine === kind ? box.dataset.msgChosen : box.dataset.msgRemoved;
      announce(fill(template, kind, data.counts[kind] || 0));
    }).catch(function (error) {
      render(before);
      announce((error && (english ? error.message_en : error.message)) || box.dataset.msgError);
    }).then(function () {
      busy = false;
      box.removeAttribute("aria-busy");
    });
  });

  function refresh() {
    var asked = taps;
    fetchedAt = Date.now();
    request("GET").then(function (data) {
      if (!busy && taps === asked) render(data);
    }).catch(function () {
      if (!state) state = readPage();
    }).then(function () {
      box.dataset.ready = "true";
    });
  }

  function refreshIfStale() {
    if (near && !busy && Date.now() - fetchedAt > STALE) refresh();
  }

  if ("IntersectionObserver" in window) {
    new IntersectionObserver(function (entries) {
      near = entries[entries.length - 1].isIntersecting;
      refreshIfStale();
    }, { rootMargin: "100% 0px" }).observe(box);
  } else {
    near = true;
    refresh();
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") refreshIfStale();
  });
})();
