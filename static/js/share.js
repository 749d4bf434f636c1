/* The article page's «نسخ الرابط» control: copies the story's address and says so in a
   polite live region. Without this script (or a clipboard) it stays a plain link to the
   story, which readers can copy from their browser's own menu. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;

  function announce(message) {
    var status = document.querySelector("[data-copy-status]");
    if (!status) return;
    // Emptied first so that the same message is read out again on a second tap.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-copy-link]");
    if (!link) return;
    event.preventDefault();
    navigator.clipboard.writeText(link.href).then(
      function () { announce(link.dataset.copied); },
      function () { announce(link.dataset.failed); }
    );
  });
})();
