/* Accroche — pick a place on a map (Leaflet). Optional: the latitude and longitude
 * fields work alone, and the map stays hidden without a tile server or without Leaflet. */
(function () {
  "use strict";
  var el = document.getElementById("place-map");
  if (!el || !window.L || !el.dataset.tileUrl) { return; }
  var lat = document.getElementById("id_latitude");
  var lng = document.getElementById("id_longitude");
  if (!lat || !lng) { return; }
  var known = lat.value && lng.value;
  var centre = known
    ? [parseFloat(lat.value), parseFloat(lng.value)]
    : [parseFloat(el.dataset.lat), parseFloat(el.dataset.lng)];
  el.hidden = false;
  var map = window.L.map(el).setView(centre, known ? 17 : parseInt(el.dataset.zoom || "13", 10));
  window.L.tileLayer(el.dataset.tileUrl, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
  var marker = null;
  function put(latlng) {
    if (!marker) {
      marker = window.L.marker(latlng, { draggable: true }).addTo(map);
      marker.on("dragend", function () { put(marker.getLatLng()); });
    } else {
      marker.setLatLng(latlng);
    }
    lat.value = latlng.lat.toFixed(6);
    lng.value = latlng.lng.toFixed(6);
    lat.dispatchEvent(new Event("change", { bubbles: true }));
  }
  if (known) { put(window.L.latLng(centre)); }
  map.on("click", function (event) { put(event.latlng); });
})();
