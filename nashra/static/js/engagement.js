// Reader engagement on the article page: reaction vote, comments, proof-of-work captcha.
// The page HTML is the same for everyone; what is yours (your vote, your comments, a fresh
// captcha challenge) comes from the state endpoint. Everything also works without this
// script, through plain form posts.
(function () {
  "use strict";

  var root = document.querySelector("[data-engagement]");
  var commentForm = document.querySelector("[data-comment-form]");
  if (!root && !commentForm) return;
  var text = root ? JSON.parse(root.dataset.i18n) : {};
  var challenge = null;
  var solving = null;

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      return response.json().then(function (data) { data.httpStatus = response.status; return data; });
    });
  }

  // Proof of work (ALTCHA v1): find n with SHA-256(salt + n) == challenge.
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function solve(ch) {
    var encoder = new TextEncoder();
    var batch = 400;
    function attempt(start) {
      if (start > ch.maxnumber) return Promise.reject(new Error("unsolved"));
      var jobs = [];
      for (var n = start; n < start + batch && n <= ch.maxnumber; n++) {
        jobs.push(crypto.subtle.digest("SHA-256", encoder.encode(ch.salt + n)));
      }
      return Promise.all(jobs).then(function (digests) {
        for (var i = 0; i < digests.length; i++) {
          if (hex(digests[i]) === ch.challenge) {
            return btoa(JSON.stringify({
              algorithm: ch.algorithm, challenge: ch.challenge, number: start + i,
              salt: ch.salt, signature: ch.signature,
            }));
          }
        }
        return attempt(start + batch);
      });
    }
    return attempt(0);
  }

  function captchaStatus(message) {
    var status = commentForm && commentForm.querySelector("[data-captcha-status]");
    if (status) status.textContent = message;
  }

  function startSolving() {
    if (!commentForm || solving || !challenge) return solving;
    var field = commentForm.querySelector('input[name="altcha"]');
    if (!field || commentForm.querySelector('input[name="captcha_id"]')) return null;
    if (!(window.crypto && crypto.subtle)) {
      captchaStatus(text.failed);
      showSwitch();
      return null;
    }
    captchaStatus(text.verifying);
    var current = challenge;
    solving = solve(current).then(function (payload) {
      field.value = payload;
      captchaStatus(text.verified);
      return payload;
    }, function () {
      captchaStatus(text.failed);
      showSwitch();
      solving = null;
    });
    return solving;
  }

  function newChallenge(ch) {
    challenge = ch;
    solving = null;
    var field = commentForm && commentForm.querySelector('input[name="altcha"]');
    if (field) field.value = "";
    captchaStatus(text.unverified);
  }

  function showSwitch() {
    var button = commentForm && commentForm.querySelector("[data-captcha-switch]");
    if (button) button.hidden = false;
  }

  function useImageCaptcha() {
    fetch(root.dataset.captchaUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var box = commentForm.querySelector("[data-captcha-image]");
        box.innerHTML = "";
        var id = document.createElement("input");
        id.type = "hidden"; id.name = "captcha_id"; id.value = data.id;
        var img = document.createElement("img");
        img.src = data.image; img.width = 220; img.height = 80;
        img.alt = box.closest("[data-captcha]").querySelector("legend").textContent;
        var audio = document.createElement("a");
        audio.href = data.audio; audio.textContent = text.audio;
        var label = document.createElement("label");
        label.htmlFor = "captcha-answer"; label.textContent = text.image_prompt;
        var input = document.createElement("input");
        input.id = "captcha-answer"; input.name = "captcha_answer"; input.required = true;
        input.setAttribute("inputmode", "numeric"); input.setAttribute("autocomplete", "off");
        input.dir = "ltr";
        [id, img, audio, label, input].forEach(function (el) { box.appendChild(el); });
        box.hidden = false;
        commentForm.querySelector('input[name="altcha"]').value = "";
        captchaStatus("");
        commentForm.querySelector("[data-captcha-switch]").hidden = true;
        input.focus();
      });
  }

  function showErrors(data) {
    var summary = commentForm.querySelector("[data-form-errors]");
    summary.innerHTML = "";
    commentForm.querySelectorAll("[data-error-for]").forEach(function (el) { el.textContent = ""; });
    commentForm.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    var errors = data.errors || {};
    var first = null;
    Object.keys(errors).forEach(function (name) {
      var slot = commentForm.querySelector('[data-error-for="' + name + '"]');
      if (slot) slot.textContent = errors[name].join(" ");
      var input = commentForm.querySelector('[name="' + name + '"]');
      if (input) { input.setAttribute("aria-invalid", "true"); first = first || input; }
    });
    var p = document.createElement("p");
    p.textContent = data.message;
    summary.appendChild(p);
    (first || summary).focus && (first || summary).focus();
  }

  function submitComment(event) {
    event.preventDefault();
    var status = commentForm.querySelector("[data-form-status]");
    var token = commentForm.querySelector('input[name="submission_token"]');
    if (!token.value && window.crypto && crypto.randomUUID) token.value = crypto.randomUUID();
    var button = commentForm.querySelector('button[type="submit"]');
    button.disabled = true;
    status.textContent = text.sending;
    var usingImage = !!commentForm.querySelector('input[name="captcha_id"]');
    var ready = usingImage ? Promise.resolve() : (startSolving() || Promise.resolve());
    ready.then(function () {
      return post(commentForm.action, new FormData(commentForm));
    }).then(function (data) {
      button.disabled = false;
      status.textContent = "";
      if (data.captcha) newChallenge(data.captcha);
      if (!data.ok) {
        if (commentForm.querySelector('input[name="captcha_id"]')) useImageCaptcha();
        showErrors(data);
        return;
      }
      commentForm.querySelector("[data-form-errors]").innerHTML = "";
      var messages = [data.message].concat(data.notices || []);
      status.textContent = messages.join(" ");
      commentForm.querySelector('[name="body"]').value = "";
      token.value = "";
      cancelReply();
      var box = commentForm.querySelector("[data-captcha-image]");
      if (box && box.querySelector('input[name="captcha_id"]')) { box.innerHTML = ""; box.hidden = true; }
      if (data.status !== "published") {
        // Held for moderation: show the reader their text at once, as a reload would.
        loadState().then(function (state) { showMine(state.my_comments || []); }, function () {});
      }
      if (data.status === "published" && !(data.notices || []).length) {
        var page = data.page > 1 ? "page=" + data.page + "&" : "";
        window.location.assign(window.location.pathname + "?" + page + commentForm.dataset.commentedFlag + "=published#comment-" + data.comment_id);
      }
    }).catch(function () {
      button.disabled = false;
      status.textContent = text.network;
    });
  }

  function cancelReply() {
    var replying = commentForm.querySelector("[data-replying]");
    commentForm.querySelector('input[name="parent"]').value = "";
    if (replying) replying.hidden = true;
  }

  function replyTo(link) {
    commentForm.querySelector('input[name="parent"]').value = link.dataset.replyTo;
    var replying = commentForm.querySelector("[data-replying]");
    var label = replying.querySelector("[data-replying-label]");
    // The name is isolated (<bdi>): a name in the other script must not reorder the sentence.
    var parts = (text.replying_to || "{name}").split("{name}");
    var name = document.createElement("bdi");
    name.textContent = link.dataset.replyName;
    label.textContent = "";
    label.append(parts[0], name, parts.slice(1).join("{name}"), " ");
    replying.hidden = false;
    commentForm.querySelector('[name="body"]').focus();
  }

  // "More comments": the next page of the thread (a cached copy of the article page) is
  // appended here; without this script the link opens that page.
  function loadMore(link) {
    var pages = link.closest("[data-comment-pages]");
    var list = root.querySelector("[data-comment-list]");
    var status = root.querySelector("[data-more-status]");
    link.setAttribute("aria-disabled", "true");
    status.textContent = text.loading_more;
    fetch(link.href, { credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var first = null;
        doc.querySelectorAll("[data-comment-list] > li").forEach(function (item) {
          var comment = item.querySelector("article[id]");
          if (comment && document.getElementById(comment.id)) return;  // shown already
          var added = document.importNode(item, true);
          list.appendChild(added);
          first = first || added;
        });
        var next = doc.querySelector("[data-comment-pages]");
        if (next && next.querySelector("[data-more-comments]")) {
          next = document.importNode(next, true);
          next.querySelectorAll('a[rel="prev"]').forEach(function (a) { a.parentNode.remove(); });
          pages.replaceWith(next);
        } else {
          pages.remove();
        }
        status.textContent = "";
        if (first) {
          var heading = first.querySelector("article");
          heading.tabIndex = -1;
          heading.focus();
        }
      })
      .catch(function () {
        link.removeAttribute("aria-disabled");
        status.textContent = text.more_failed;
      });
  }

  function showVote(data) {
    var form = root.querySelector("form.reaction");
    form.querySelectorAll("button[name=value]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.value === data.my_vote));
    });
    var status = form.querySelector(".reaction__status");
    var parts = [];
    if (data.message) parts.push(data.message);
    else if (data.my_vote) parts.push(data.my_vote === "yes" ? text.your_vote_yes : text.your_vote_no);
    // The server words the tally: plural forms differ by language (Arabic has six).
    if (data.tally) parts.push(data.tally.sentence);
    status.textContent = parts.join(" ");
  }

  // The reader's own comments that are not published (awaiting moderation, or refused): their
  // text and why, shown only to them. The state endpoint is per reader and never cached; the
  // page's HTML stays the same for everyone.
  function showMine(list) {
    var box = root.querySelector("[data-my-comments]");
    box.innerHTML = "";
    list.forEach(function (c) {
      if (c.status === "approved") return;
      var item = document.createElement("article");
      item.className = "comment comment--mine comment--" + c.status;
      item.id = "my-comment-" + c.id;
      var header = document.createElement("header");
      header.className = "comment__header";
      var name = document.createElement("bdi");
      name.className = "comment__name";
      name.textContent = c.name || "";
      var time = document.createElement("time");
      time.dateTime = c.created_at || "";
      time.textContent = c.created_label || "";
      header.append(name, " ", time);
      var status = document.createElement("p");
      status.className = "comment__status";
      var label = document.createElement("strong");
      label.textContent = c.status_label;
      status.append(label, " ", c.reason || "");
      if (c.note) status.append(" " + c.note);
      if (c.clause_url) {
        var a = document.createElement("a");
        a.href = c.clause_url; a.textContent = " ↗";
        status.appendChild(a);
      }
      var body = document.createElement("div");
      body.className = "comment__body";
      body.dir = "auto";
      (c.body || "").split(/\n\s*\n/).forEach(function (para) {
        if (!para.trim()) return;
        var p = document.createElement("p");
        p.textContent = para;
        body.appendChild(p);
      });
      item.append(header, status, body);
      box.appendChild(item);
    });
    box.hidden = !box.childNodes.length;
  }

  function loadState() {
    return fetch(root.dataset.stateUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); });
  }

  if (root) {
    loadState()
      .then(function (state) {
        if (state.my_vote) showVote(state);
        showMine(state.my_comments || []);
        if (state.captcha) newChallenge(state.captcha);
        root.dataset.ready = "true";
      })
      .catch(function () { root.dataset.ready = "error"; });

    root.querySelector("form.reaction").addEventListener("submit", function (event) {
      event.preventDefault();
      var body = new FormData();
      body.append("value", event.submitter ? event.submitter.value : "yes");
      post(event.target.action, body).then(function (data) {
        if (data.ok) showVote(data);
        else event.target.querySelector(".reaction__status").textContent = data.message;
      }).catch(function () {
        event.target.querySelector(".reaction__status").textContent = text.network;
      });
    });

    root.addEventListener("click", function (event) {
      var link = event.target.closest("[data-reply-to]");
      if (link && commentForm) { event.preventDefault(); replyTo(link); }
      var more = event.target.closest("[data-more-comments]");
      if (more) {
        event.preventDefault();
        if (more.getAttribute("aria-disabled") !== "true") loadMore(more);
      }
    });

    // Delegated, so that comments added by "More comments" can be reported too.
    root.addEventListener("submit", function (event) {
      var form = event.target.closest("form.comment__flag");
      if (!form) return;
      event.preventDefault();
      post(form.action, new FormData()).then(function (data) {
        var note = document.createElement("span");
        note.setAttribute("role", "status");
        note.textContent = data.message;
        form.replaceWith(note);
      });
    });
  }

  if (commentForm && root) {
    commentForm.addEventListener("focusin", function () { startSolving(); }, { once: true });
    commentForm.addEventListener("submit", submitComment);
    var cancel = commentForm.querySelector("[data-cancel-reply]");
    if (cancel) cancel.addEventListener("click", cancelReply);
    var switcher = commentForm.querySelector("[data-captcha-switch]");
    if (switcher) { switcher.hidden = false; switcher.addEventListener("click", useImageCaptcha); }
  }
})();
