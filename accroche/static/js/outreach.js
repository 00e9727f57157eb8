/* Accroche — the session page: elapsed time, and a clear word when a tap did not reach
 * the server (the count shown is always the server's). */
(function () {
  "use strict";

  function elapsed(since) {
    var minutes = Math.max(0, Math.floor((Date.now() - since) / 60000));
    var h = Math.floor(minutes / 60);
    var m = minutes % 60;
    return h ? h + " h " + (m < 10 ? "0" : "") + m : m + " min";
  }

  function tick() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-elapsed-since]"), function (el) {
      var since = Date.parse(el.getAttribute("data-elapsed-since"));
      if (!isNaN(since)) { el.textContent = elapsed(since); }
    });
  }

  function banner(text) {
    if (window.accrocheOffline) { window.accrocheOffline(text); }
  }

  document.addEventListener("htmx:sendError", function () {
    banner("Pas de réseau : ce comptage n'a pas été enregistré. Touchez à nouveau quand le réseau revient.");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail && event.detail.successful) { banner(""); }
  });

  tick();
  window.setInterval(tick, 30000);
})();
