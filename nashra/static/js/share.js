// "Copy link" in the article's share block: shown only where the clipboard can be written.
// The links themselves need no script.
(function () {
  "use strict";

  var box = document.querySelector("[data-share]");
  if (!box || !(navigator.clipboard && navigator.clipboard.writeText)) return;
  var button = box.querySelector("[data-share-copy]");
  var status = box.querySelector("[data-share-status]");
  if (!button) return;
  button.closest("[data-share-copy-item]").hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(button.dataset.shareCopy).then(
      function () { status.textContent = button.dataset.shareCopied; },
      function () { status.textContent = button.dataset.shareFailed; }
    );
  });
})();
