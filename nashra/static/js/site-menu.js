// The phone menu is a <details> disclosure and works without this file. With it, Escape
// closes the open menu and returns focus to its button, as readers expect of a menu.
(function () {
  "use strict";
  var menus = document.querySelectorAll("details[data-site-menu]");
  Array.prototype.forEach.call(menus, function (menu) {
    var button = menu.querySelector("summary");
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        button.focus();
        event.preventDefault();
      }
    });
  });
})();

// The search page's filters are folded on phones only: on wide screens they are opened.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 48rem)");
  function unfold() {
    if (!wide.matches) return;
    Array.prototype.forEach.call(document.querySelectorAll("details[data-open-wide]"), function (d) {
      d.open = true;
    });
  }
  unfold();
  if (wide.addEventListener) wide.addEventListener("change", unfold);
})();
