/* Recent publication times read as «قبل ساعتين» / "2 hours ago" in the reader's own
   clock, so cached pages never show a stale relative time. Without script the page keeps
   the absolute date it was rendered with, which stays in the tooltip and is what prints. */
(function () {
  "use strict";
  var root = document.documentElement;
  if (!window.Intl || !Intl.RelativeTimeFormat) return;
  var locale = (root.lang || "ar") + "-u-nu-" + (root.dataset.numbering || "latn");
  var words = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  var steps = [["minute", 60], ["hour", 3600]];
  var day = 86400;
  document.querySelectorAll("time[data-relative][datetime]").forEach(function (el) {
    var seconds = (Date.now() - Date.parse(el.getAttribute("datetime"))) / 1000;
    if (!(seconds >= 0 && seconds < day)) return;
    var unit = seconds < 3600 ? steps[0] : steps[1];
    var amount = Math.max(1, Math.floor(seconds / unit[1]));
    el.title = el.textContent.trim();
    twoWays(el, words.format(-amount, unit[0]));
    // «نُشر في» reads before a date, not before «قبل ساعة»: its label says which it needs.
    var label = el.previousElementSibling;
    if (label && label.dataset.relativeLabel) twoWays(label, label.dataset.relativeLabel);
  });

  // The relative words on screen; on paper, read days later, the date (site.css, print).
  function twoWays(el, relative) {
    var absolute = document.createElement("span");
    var now = document.createElement("span");
    absolute.className = "when-printed";
    absolute.textContent = el.textContent;
    now.className = "when-read";
    now.textContent = relative;
    el.replaceChildren(now, absolute);
  }
})();
