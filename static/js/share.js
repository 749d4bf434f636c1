/* The article page's «نسخ الرابط» control: copies the story's address and says so,
   visibly and in a polite live region. It is shown only where it can copy: without this
   script or a clipboard it would be a link to the page the reader is on. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  document.querySelectorAll("[data-copy-item]").forEach(function (item) { item.hidden = false; });

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
