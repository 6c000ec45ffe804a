// Gives the page editor's prose fields the direction of the content's language.
// The server marks the title field (data-content-dir / data-content-lang, see
// nashra/core/forms.py) and directs plain inputs itself; StreamField blocks and Draftail
// editors are built in the browser, so they are directed here as they appear.
(function () {
  "use strict";
  var NEUTRAL = 'input[name="slug"], input[type="url"], input[type="email"], input[type="number"], ' +
    'input[type="date"], input[type="datetime-local"], input[name$="-url"], input[name$="url"]';

  function apply(root, dir, lang) {
    var fields = root.querySelectorAll(
      'input[type="text"], input:not([type]), textarea, .Draftail-Editor, [contenteditable="true"]'
    );
    fields.forEach(function (el) {
      if (el.matches(NEUTRAL) || el.closest(".w-field--date_time_field, .w-field--date_field")) return;
      if (el.closest("[data-search-input], .w-header, .w-dropdown, [role=dialog]")) return;
      if (el.getAttribute("dir") === dir) return;
      el.setAttribute("dir", dir);
      el.setAttribute("lang", lang);
    });
  }

  function start() {
    var marker = document.querySelector("[data-content-dir]");
    var form = marker && marker.form;
    if (!form) return;
    var dir = marker.dataset.contentDir;
    var lang = marker.dataset.contentLang;
    form.setAttribute("data-content-direction", dir);
    apply(form, dir, lang);
    new MutationObserver(function () { apply(form, dir, lang); }).observe(form, {
      childList: true,
      subtree: true,
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
