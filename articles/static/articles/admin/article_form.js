// The article form in the admin: hashtag suggestions while typing, and the editor
// writing in the story's own direction. Admin media load in <head>: wait for the form.
(function () {
  "use strict";

  function suggestHashtags() {
    const input = document.getElementById("id_tags");
    if (!input || !input.dataset.suggestUrl) return;
    const list = document.createElement("datalist");
    list.id = "hashtag-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");

    let timer = null;
    let lastQuery = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 150);
    });

    function suggest() {
      const value = input.value;
      // The hashtag being typed starts after the last comma, or at its own «#» when
      // another comes before it on the line («#مالي #الن», as on social networks).
      const comma = Math.max(value.lastIndexOf(","), value.lastIndexOf("،"));
      const hash = value.lastIndexOf("#");
      const spaced = hash > comma && value.slice(comma + 1, hash).trim() !== "";
      const cut = spaced ? hash - 1 : comma;
      const head = cut >= 0 ? value.slice(0, cut + 1) + " " : "";
      const query = value.slice(cut + 1).trim().replace(/^#/, "");
      if (query.length < 1 || query === lastQuery) return;
      lastQuery = query;
      const url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(query);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          list.replaceChildren();
          data.results.forEach(function (name) {
            const option = document.createElement("option");
            option.value = head.replace(/\s+$/, " ") + "#" + name;
            list.append(option);
          });
        })
        .catch(function () { list.replaceChildren(); });
    }
  }

  // An English story is edited left to right inside the Arabic admin, and vice versa:
  // the story's own words (marked data-story-text by the form, which gives them the saved
  // language's direction) turn when its language is changed. Names already typed keep
  // the direction of what they say (dir="auto").
  function followStoryDirection() {
    const select = document.getElementById("id_language");
    if (!select) return;
    const rtl = new Set(["ar", "fa", "ur", "he"]);
    function apply() {
      const dir = rtl.has(select.value) ? "rtl" : "ltr";
      for (const field of document.querySelectorAll("[data-story-text]")) {
        field.setAttribute("dir", dir);
        if (field.hasAttribute("lang")) field.setAttribute("lang", select.value);
        // The prose editor wraps the textarea; its editable area follows the wrapper.
        if (field.tagName === "TEXTAREA") {
          const wrapper = field.closest(".prose-editor") || field.parentElement;
          if (wrapper) wrapper.setAttribute("dir", dir);
        }
      }
    }
    select.addEventListener("change", apply);
    apply();
  }

  // Django's note under the publication time («Enter times in the Asia/Riyadh timezone»)
  // names the newsroom's zone by the city its editors know it by: set before the admin's
  // date widgets draw the note, on the window's load.
  function nameTheTimeZone() {
    const input = document.querySelector("[data-time-zone-city]");
    if (input) document.body.dataset.adminServerTimezone = input.dataset.timeZoneCity;
  }

  function ready() {
    nameTheTimeZone();
    suggestHashtags();
    followStoryDirection();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
