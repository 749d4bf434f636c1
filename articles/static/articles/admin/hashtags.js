// Suggests existing hashtags while an editor types in the tags field.
// The browser's own <datalist> shows the choices; each option is the whole field
// value with the last, unfinished hashtag completed.
(function () {
  "use strict";
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
    const cut = Math.max(value.lastIndexOf(","), value.lastIndexOf("،"));
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
})();
