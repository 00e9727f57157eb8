// Draws the diagnostics' progression with Chart.js; the same data is in the table below.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("progression-data");
  const canvas = document.getElementById("progression-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: data.datasets },
    options: {
      indexAxis: "y",
      maintainAspectRatio: false,
      scales: {
        x: { min: 0, max: 3, ticks: { stepSize: 1, callback: (value) => data.ticks[value] ?? value } },
      },
      plugins: { legend: { position: "bottom" } },
    },
  });
});
