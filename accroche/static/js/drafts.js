/* Accroche — nothing typed is lost on a phone outdoors.
 * Forms marked data-draft="<id>" are saved in localStorage as they are typed, with their
 * idempotency key; a draft comes back if the page is opened again before the server has
 * recorded it (network failure at submit), and is dropped once the server lists its key
 * as saved (#accroche-saved-keys). Submitting twice with the same key records once. */
(function () {
  "use strict";
  var PREFIX = "accroche:draft:";
  var MAX_AGE_MS = 7 * 24 * 3600 * 1000;
  var SKIP = { csrfmiddlewaretoken: true, website: true, search: true };

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function uuid4() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var b = window.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function savedKeys() {
    var el = document.getElementById("accroche-saved-keys");
    try { return el ? JSON.parse(el.textContent) : []; } catch (e) { return []; }
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !SKIP[el.name] && ["password", "submit", "button", "file"].indexOf(el.type) < 0;
    });
  }

  function snapshot(form) {
    var data = {};
    fields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        data[el.name] = data[el.name] || [];
        if (el.checked) { data[el.name].push(el.value); }
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  function restore(form, data) {
    fields(form).forEach(function (el) {
      if (!(el.name in data)) { return; }
      var value = data[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = Array.isArray(value) && value.indexOf(el.value) >= 0;
      } else if (typeof value === "string") {
        el.value = value;
      }
    });
  }

  function offlineBanner(text) {
    var banner = document.getElementById("offline");
    if (!banner) {
      banner = document.createElement("p");
      banner.id = "offline";
      banner.className = "offline";
      banner.setAttribute("role", "alert");
      var main = document.querySelector("main") || document.body;
      main.insertBefore(banner, main.firstChild);
    }
    banner.textContent = text;
    banner.hidden = !text;
  }
  window.accrocheOffline = offlineBanner;

  function setUp(form, store, saved) {
    var id = PREFIX + form.dataset.draft;
    var keyField = form.elements.namedItem("idempotency_key");
    if (keyField && !keyField.value) { keyField.value = uuid4(); }
    var draft = null;
    try { draft = JSON.parse(store.getItem(id) || "null"); } catch (e) { draft = null; }
    if (draft && (saved.indexOf(draft.key) >= 0 || Date.now() - draft.at > MAX_AGE_MS)) {
      store.removeItem(id);
      draft = null;
    }
    var bound = form.dataset.bound === "true";
    if (draft && !bound && draft.data) {
      restore(form, draft.data);
      var note = form.querySelector(".draft-note");
      if (note) {
        note.hidden = false;
        var clear = note.querySelector("button");
        if (clear) {
          clear.addEventListener("click", function () {
            store.removeItem(id);
            window.location.reload();
          });
        }
      }
    }
    function save() {
      var data = snapshot(form);
      store.setItem(id, JSON.stringify({ key: data.idempotency_key || "", data: data, at: Date.now() }));
    }
    if (bound) { save(); }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", function (event) {
      save();
      if (navigator.onLine === false) {
        event.preventDefault();
        offlineBanner(form.dataset.offlineMessage ||
          "Pas de réseau : rien n'est perdu, votre saisie reste sur ce téléphone. Réessayez quand le réseau revient.");
      }
    });
  }

  function init() {
    var store = storage();
    if (!store) { return; }
    var saved = savedKeys();
    // The server recorded these: drop their drafts, whatever page they came from.
    Object.keys(store).forEach(function (k) {
      if (k.indexOf(PREFIX) !== 0) { return; }
      try {
        var draft = JSON.parse(store.getItem(k) || "null");
        if (!draft || saved.indexOf(draft.key) >= 0 || Date.now() - draft.at > MAX_AGE_MS) {
          store.removeItem(k);
        }
      } catch (e) { store.removeItem(k); }
    });
    Array.prototype.forEach.call(document.querySelectorAll("form[data-draft]"), function (form) {
      setUp(form, store, saved);
    });
    // Leaving the shared phone: drafts go with the session.
    Array.prototype.forEach.call(document.querySelectorAll("form[action*='deconnexion']"), function (form) {
      form.addEventListener("submit", function () {
        Object.keys(store).forEach(function (k) { if (k.indexOf(PREFIX) === 0) { store.removeItem(k); } });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
