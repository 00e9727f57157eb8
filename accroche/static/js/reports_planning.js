/* Accroche — outreach planning: the suggested slots' intervals as floating bars (Chart.js);
 * the observed rates and the same intervals are in the table under the chart. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var source = document.getElementById("planning-data");
  var canvas = document.getElementById("planning-chart");
  if (!source || !canvas || !window.Chart) { return; }
  var data = JSON.parse(source.textContent);
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{ label: data.interval_label, data: data.intervals, backgroundColor: "#1d4e89" }]
    },
    options: { indexAxis: "y", maintainAspectRatio: false, plugins: { legend: { position: "bottom" } } }
  });
});
