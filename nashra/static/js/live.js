// Live pages ask for updates every interval (docs/developers/live-updates.md). The address is
// the same for every reader of a time bucket, so caches answer it: /<lang>/live/<page>/updates/
// <cursor>/, where the cursor comes from the page, then from each answer.
//
// A reader at the top of the stream gets new entries inserted; a reader further down gets an
// "N new updates" button instead, so nothing moves under their eyes. Edits and deletions are
// applied in place, keeping what the reader looks at where it is. Errors double the wait (up
// to a cap), a hidden tab does not poll, and an ended coverage stops polling.
(function () {
  "use strict";

  var stream = document.querySelector("[data-live-page]");
  var box = document.querySelector("[data-live-updates]");
  if (!stream || !box || stream.hasAttribute("data-live-bound") || !window.fetch) {
    return;
  }
  stream.setAttribute("data-live-bound", "");

  var lang = stream.getAttribute("data-live-lang") || document.documentElement.lang || "en";
  var pageId = stream.getAttribute("data-live-page");
  var interval = Math.max(1, parseInt(stream.getAttribute("data-live-interval"), 10) || 10) * 1000;
  var MAX_DELAY = Math.max(interval * 32, 300000);
  var cursor = stream.getAttribute("data-live-cursor");
  var notice = box.querySelector(".live-updates__notice");
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  var delay = interval;
  var timer = null;
  var busy = false;
  var stopped = false;
  var waiting = []; // new entries held back while the reader is further down the stream

  function byId(id) {
    return document.getElementById("entry-" + id);
  }

  function fromHtml(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    return holder.querySelector(".live-entry");
  }

  function localDigits(text) {
    var map = box.getAttribute("data-digits") || "0123456789";
    return String(text).replace(/[0-9]/g, function (d) {
      return map.charAt(+d);
    });
  }

  function newUpdatesText(count) {
    var category = plurals ? plurals.select(count) : count === 1 ? "one" : "other";
    var text = box.getAttribute("data-new-" + category) || box.getAttribute("data-new-other");
    return text.replace("{n}", localDigits(count));
  }

  // Where new entries go: after the stream's heading, before its newest entry.
  function insertionPoint() {
    var first = stream.querySelector(".live-entry");
    if (first) {
      return first;
    }
    var empty = stream.querySelector(".live-entries__empty");
    return empty || null;
  }

  function readerAtTop() {
    var point = insertionPoint();
    var top = point ? point.getBoundingClientRect().top : stream.getBoundingClientRect().bottom;
    return top >= 0;
  }

  // Change the page without moving what the reader looks at: the first element still on
  // screen keeps its place, whatever was inserted or removed above it.
  function keepingViewport(change) {
    var anchor = null;
    var entries = document.querySelectorAll(".live-entry, .live-entries__title");
    for (var i = 0; i < entries.length; i++) {
      if (entries[i].getBoundingClientRect().bottom > 0) {
        anchor = entries[i];
        break;
      }
    }
    var before = anchor ? anchor.getBoundingClientRect().top : 0;
    change();
    if (anchor && anchor.isConnected) {
      var shift = anchor.getBoundingClientRect().top - before;
      if (shift) {
        window.scrollBy(0, shift);
      }
    }
  }

  function insertNew(entries) {
    entries.sort(function (a, b) {
      return a.posted - b.posted || a.id - b.id;
    });
    var inserted = [];
    entries.forEach(function (entry) {
      var element = fromHtml(entry.html);
      if (!element || byId(entry.id)) {
        return;
      }
      var point = insertionPoint();
      if (point && point.classList.contains("live-entries__empty")) {
        point.remove();
        point = null;
      }
      if (point) {
        point.parentNode.insertBefore(element, point);
      } else {
        stream.appendChild(element);
      }
      inserted.push(element);
    });
    return inserted;
  }

  function showWaiting() {
    notice.textContent = "";
    if (!waiting.length) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "live-updates__button";
    button.textContent = newUpdatesText(waiting.length);
    button.addEventListener("click", function () {
      var inserted = insertNew(waiting);
      waiting = [];
      notice.textContent = "";
      var newest = inserted[inserted.length - 1];
      if (newest) {
        newest.setAttribute("tabindex", "-1");
        newest.scrollIntoView({ block: "start" });
        newest.focus({ preventScroll: true });
      }
    });
    notice.appendChild(button);
  }

  function showMessage(text, href) {
    notice.textContent = "";
    var message = document.createElement(href ? "a" : "p");
    message.className = "live-updates__message";
    message.textContent = text;
    if (href) {
      message.href = href;
    }
    notice.appendChild(message);
  }

  // A page without a pinned entry has no place for one: a newly pinned entry then shows in
  // the stream until the next reload.
  function placePinned(entry, element) {
    var section = document.querySelector(".live-pinned");
    var current = section.querySelector(".live-entry");
    if (current) {
      current.remove();
    }
    section.appendChild(element);
    section.hidden = false;
  }

  function apply(data) {
    var fresh = [];
    keepingViewport(function () {
      data.deleted.forEach(function (id) {
        var element = byId(id);
        if (element) {
          element.remove();
        }
        waiting = waiting.filter(function (entry) {
          return entry.id !== id;
        });
      });
      data.entries.forEach(function (entry) {
        var element = byId(entry.id);
        if (element && +element.getAttribute("data-updated") >= entry.updated) {
          return; // already shown as it is (the answers overlap by one bucket)
        }
        var replacement = fromHtml(entry.html);
        if (!replacement) {
          return;
        }
        var inPinned = element && element.closest(".live-pinned");
        if (entry.pinned && document.querySelector(".live-pinned")) {
          if (element) {
            element.remove();
          }
          placePinned(entry, replacement);
        } else if (element && !inPinned) {
          element.replaceWith(replacement);
        } else {
          if (element) {
            element.remove(); // unpinned: it goes back into the stream
          }
          waiting = waiting.filter(function (held) {
            return held.id !== entry.id;
          });
          fresh.push(entry);
        }
      });
      var section = document.querySelector(".live-pinned");
      if (section && data.pinned_id === null) {
        var pinned = section.querySelector(".live-entry");
        if (pinned) {
          pinned.remove();
        }
        section.hidden = true;
      }
    });
    waiting = waiting.concat(fresh);
    if (waiting.length && readerAtTop()) {
      insertNew(waiting);
      waiting = [];
    }
    refreshKeyEvents(data.key_events);
    showWaiting();
  }

  function refreshKeyEvents(events) {
    var nav = document.querySelector(".live-key-events");
    var list = nav && nav.querySelector("ol");
    if (!list) {
      return;
    }
    list.textContent = "";
    events.forEach(function (event) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = byId(event.id) ? "#entry-" + event.id : event.url;
      var time = document.createElement("time");
      time.setAttribute("datetime", event.time);
      time.setAttribute("title", event.when); // as the page renders it: clock, then day
      time.textContent = event.clock + " ";
      var day = document.createElement("span");
      day.className = "live-entry__day";
      day.textContent = event.day;
      time.appendChild(day);
      var label = document.createElement("span");
      label.className = "live-key-events__label";
      label.textContent = event.label;
      link.appendChild(time);
      link.appendChild(document.createTextNode(" "));
      link.appendChild(label);
      item.appendChild(link);
      list.appendChild(item);
    });
    nav.hidden = !events.length;
  }

  function stop() {
    stopped = true;
    clearTimeout(timer);
    timer = null;
  }

  function schedule(wait) {
    clearTimeout(timer);
    timer = null;
    if (!stopped && !document.hidden) {
      timer = setTimeout(poll, wait);
    }
  }

  function poll() {
    timer = null;
    if (busy || stopped || document.hidden) {
      return;
    }
    busy = true;
    var address = "/" + lang + "/live/" + pageId + "/updates/" + cursor + "/";
    fetch(address, { credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        busy = false;
        delay = interval;
        cursor = String(data.cursor);
        stream.setAttribute("data-live-cursor", cursor);
        if (!data.reload) {
          apply(data);
        }
        if (data.reload) {
          stop();
          showMessage(box.getAttribute("data-reload"), window.location.pathname);
          return;
        }
        if (data.status === "ended") {
          stop();
          stream.setAttribute("data-live-status", "ended");
          if (!waiting.length) {
            showMessage(box.getAttribute("data-ended"));
          }
          return;
        }
        schedule(delay);
      })
      .catch(function () {
        busy = false;
        delay = Math.min(delay * 2, MAX_DELAY);
        schedule(delay);
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      clearTimeout(timer);
      timer = null;
    } else if (!stopped && !busy) {
      poll();
    }
  });

  if (stream.getAttribute("data-live-status") === "ended") {
    return;
  }
  schedule(interval);
})();
