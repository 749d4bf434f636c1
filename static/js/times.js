/* Recent publication times read as «قبل ساعتين» / "2 hours ago" in the reader's own
   clock, so cached pages never show a stale relative time. Without script the page keeps
   the absolute date it was rendered with, which stays in the tooltip. */
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
    el.textContent = words.format(-amount, unit[0]);
    // «نُشر في» reads before a date, not before «قبل ساعة»: its label says which it needs.
    var label = el.previousElementSibling;
    if (label && label.dataset.relativeLabel) label.textContent = label.dataset.relativeLabel;
  });
})();
