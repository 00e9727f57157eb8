/* Accroche — coverage map (Leaflet): one circle per commune, darker with more gaps. The
 * table under it carries the same figures, so the map is only a help. */
(function () {
  "use strict";
  var el = document.getElementById("coverage-map");
  var data = document.getElementById("coverage-points");
  if (!el || !data || !window.L || !el.dataset.tileUrl) { return; }
  var points = JSON.parse(data.textContent);
  if (!points.length) { return; }
  el.hidden = false;
  var map = window.L.map(el);
  window.L.tileLayer(el.dataset.tileUrl, { maxZoom: 18, attribution: el.dataset.attribution || "" }).addTo(map);
  var bounds = [];
  points.forEach(function (p) {
    var share = p.total ? p.gaps / p.total : 0;
    window.L.circleMarker([p.lat, p.lng], {
      radius: 8 + 14 * share, color: "#8a2b06", weight: 2, fillOpacity: 0.15 + 0.6 * share
    }).addTo(map).bindTooltip(p.name + " : " + p.gaps + " manque" + (p.gaps > 1 ? "s" : "") + " / " + p.total);
    bounds.push([p.lat, p.lng]);
  });
  map.fitBounds(bounds, { padding: [20, 20] });
})();
