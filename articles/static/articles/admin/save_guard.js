// A story's form is sent only when it can be saved; otherwise it stays, as typed, with
// a note saying why. A form opened before its writer signed in again (here or in another
// tab) carries a CSRF token that no longer counts, and a writer whose session ended would
// be sent to the login page: either way the story's text was lost, its body editor coming
// back empty. So before the form goes, the current token is asked for (ArticleAdmin's
// session_view) and put in the form; signed out, or the server out of reach, the form is
// not sent and the note says what to do. The notes' words come from the page
// (#save-guard), in the admin's language.
(function () {
  "use strict";

  function guard(form, words) {
    let checked = false;

    function say(text, link) {
      let note = form.querySelector(".save-guard-note");
      if (!note) {
        note = document.createElement("p");
        note.className = "errornote save-guard-note";
        note.setAttribute("role", "alert");
        note.tabIndex = -1;
        form.prepend(note);
      }
      note.textContent = text;
      if (link) {
        const anchor = document.createElement("a");
        anchor.href = link.href;
        anchor.target = "_blank";
        anchor.rel = "noopener";
        anchor.textContent = link.text;
        note.append(" ", anchor);
      }
      note.scrollIntoView({ block: "center" });
      note.focus({ preventScroll: true });
    }

    form.addEventListener("submit", async function (event) {
      if (checked) return; // the form sent again below, token in hand
      event.preventDefault();
      const button = event.submitter;
      let answer;
      try {
        answer = await fetch(words.url, {
          credentials: "same-origin",
          redirect: "manual", // signed out: the login page's redirect, not the page
          cache: "no-store",
          headers: { Accept: "application/json" },
        });
      } catch (error) {
        say(words.unreachable);
        return;
      }
      if (answer.type === "opaqueredirect") {
        say(words.signedOut, { href: words.loginUrl, text: words.signIn });
        return;
      }
      let token = null;
      if (answer.ok) {
        try {
          token = (await answer.json()).csrf_token;
        } catch (error) {
          token = null;
        }
      }
      if (!token) {
        say(words.unreachable);
        return;
      }
      for (const input of form.querySelectorAll("input[name=csrfmiddlewaretoken]")) {
        input.value = token;
      }
      checked = true;
      if (button && button.form === form) form.requestSubmit(button);
      else form.requestSubmit();
    });
    // Back to this page from the next one (the browser's page cache): check again.
    window.addEventListener("pageshow", function () {
      checked = false;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const words = document.getElementById("save-guard");
    const form = document.getElementById("article_form");
    if (words && form) guard(form, words.dataset);
  });
})();
