// django-prose-editor names its toolbar buttons and block styles in English, outside
// gettext ("bold", "Heading 2"): name them through the admin's script catalogue, as its
// dialogs are.
(() => {
  "use strict";
  const translate = window.gettext;
  if (!translate) return;
  const SELECTOR = ".prose-menubar__button, .prose-menubar [aria-label]";
  const name = (element) => {
    for (const attribute of ["title", "aria-label"]) {
      const value = element.getAttribute(attribute);
      const translated = value && translate(value);
      if (translated && translated !== value) element.setAttribute(attribute, translated);
    }
  };
  // The block-style menu's options are words, not icons.
  const OPTIONS = ".prose-menubar :not(.material-icons):not(:has(*))";
  const word = (element) => {
    const value = element.textContent.trim();
    const translated = value && translate(value);
    if (translated && translated !== value) element.textContent = translated;
  };
  const nameAll = (root) => {
    if (root.matches?.(SELECTOR)) name(root);
    if (root.matches?.(OPTIONS)) word(root);
    root.querySelectorAll?.(SELECTOR).forEach(name);
    root.querySelectorAll?.(OPTIONS).forEach(word);
  };
  // The editors are built after the page loads, and menus again when they open.
  new MutationObserver((changes) => {
    for (const change of changes) change.addedNodes.forEach(nameAll);
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => nameAll(document));
})();
