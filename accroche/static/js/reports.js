/* Accroche — steering dashboard: Chart.js charts and a Leaflet map of contacts by place.
 * Every figure is also in a table under its chart, so both are only a help. The map works
 * without a tile server: the circles are then drawn on a plain background. */
(function () {
  "use strict";
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function chart(id, config) {
    var canvas = document.getElementById(id);
    if (canvas && window.Chart) { new window.Chart(canvas, config); }
  }
  function charts() {
    var all = data("reports-charts");
    if (!all) { return; }
    chart("funnel-chart", {
      type: "bar",
      data: {
        labels: all.funnel.labels,
        datasets: [
          { label: all.funnel.value_label, data: all.funnel.values, backgroundColor: "#1d4e89" },
          { label: all.funnel.target_label, data: all.funnel.targets, backgroundColor: "#c9d6ea" }
        ]
      },
      options: { indexAxis: "y", maintainAspectRatio: false, plugins: { legend: { position: "bottom" } } }
    });
    chart("hours-chart", {
      type: "bar",
      data: { labels: all.hours.labels, datasets: [{ data: all.hours.values, backgroundColor: "#2e7d32" }] },
      options: { maintainAspectRatio: false, plugins: { legend: { display: false } } }
    });
    chart("budget-chart", {
      type: "bar",
      data: {
        labels: all.budget.labels,
        datasets: [
          { label: all.budget.spent_label, data: all.budget.spent, backgroundColor: "#8a2b06" },
          { label: all.budget.left_label, data: all.budget.left, backgroundColor: "#f3d9c9" }
        ]
      },
      options: {
        indexAxis: "y", maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }
  function map() {
    var el = document.getElementById("reports-map");
    var points = data("reports-points");
    if (!el || !points || !points.length || !window.L) { return; }
    el.hidden = false;
    var leaflet = window.L.map(el);
    if (el.dataset.tileUrl) {
      window.L.tileLayer(el.dataset.tileUrl, { maxZoom: 18, attribution: el.dataset.attribution || "" }).addTo(leaflet);
    }
    var most = Math.max.apply(null, points.map(function (p) { return p.contacts; })) || 1;
    var bounds = [];
    points.forEach(function (p) {
      window.L.circleMarker([p.lat, p.lng], {
        radius: 5 + 20 * Math.sqrt(p.contacts / most), color: "#1d4e89", weight: 2, fillOpacity: 0.4
      }).addTo(leaflet).bindTooltip(p.name + " : " + p.contacts);
      bounds.push([p.lat, p.lng]);
    });
    leaflet.fitBounds(bounds, { padding: [20, 20], maxZoom: 15 });
  }
  document.addEventListener("DOMContentLoaded", function () { charts(); map(); });
})();
