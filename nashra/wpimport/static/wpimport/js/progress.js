// The WordPress import's analysis and progress pages: asks the run's state every few seconds,
// moves the bar, and reloads the page once the worker is done (the page then shows the
// analysis or the report). The sentence is a live region; it is rewritten only when the
// percentage has moved by a tenth or the state changed, so screen readers are not flooded.
(function () {
  "use strict";
  const box = document.querySelector("[data-wpimport-progress]");
  if (!box) {
    return;
  }
  const url = box.dataset.wpimportProgress;
  const template = box.dataset.wpimportTemplate;
  const text = box.querySelector("[data-wpimport-text]");
  let spoken = { status: null, percent: -100 };

  function say(state) {
    if (state.status === spoken.status && state.percent - spoken.percent < 10) {
      return;
    }
    spoken = { status: state.status, percent: state.percent };
    text.textContent = state.total
      ? template
          .replace("__status__", state.status_label)
          .replace("__done__", state.done)
          .replace("__total__", state.total)
          .replace("__percent__", state.percent)
      : state.status_label;
  }

  function show(state) {
    let bar = box.querySelector("progress");
    if (state.total) {
      if (!bar) {
        bar = document.createElement("progress");
        bar.setAttribute("aria-labelledby", text.id);
        box.prepend(bar);
      }
      bar.max = state.total;
      bar.value = state.done;
      bar.textContent = state.percent + "%";
    }
    say(state);
  }

  async function poll() {
    try {
      const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      if (response.ok) {
        const state = await response.json();
        if (!state.waiting) {
          window.location.reload();
          return;
        }
        show(state);
      }
    } catch (error) {
      // The server is restarting or the network dropped: ask again later.
    }
    window.setTimeout(poll, 2000);
  }

  window.setTimeout(poll, 2000);
})();
