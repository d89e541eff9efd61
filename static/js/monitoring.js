/* Charts of the monitoring dashboard (Chart.js 4, vendored). Data come from the json_script
   element «monitoring-data»; each chart card has a button that downloads the chart as PNG. */
(function () {
  "use strict";

  document.querySelectorAll("select.auto-submit").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  var source = document.getElementById("monitoring-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var BLUE = "#0d6efd", GREEN = "#198754", GREY = "#adb5bd", RED = "#dc3545", ORANGE = "#fd7e14";

  // A white background, so the PNG is readable when pasted into a report.
  var whiteBackground = {
    id: "whiteBackground",
    beforeDraw: function (chart) {
      var ctx = chart.ctx;
      ctx.save();
      ctx.globalCompositeOperation = "destination-over";
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    }
  };
  var common = { responsive: true, maintainAspectRatio: false, plugins: { legend: { position: "bottom" } } };

  function empty(canvas) {
    var note = document.createElement("p");
    note.className = "text-secondary small mb-0";
    note.textContent = "Данных пока нет.";
    canvas.parentNode.replaceChild(note, canvas);
  }

  function config(kind, d) {
    if (kind === "bar") {
      return { type: "bar", data: { labels: d.labels, datasets: [{ label: "Количество", data: d.values, backgroundColor: BLUE }] },
        options: Object.assign({}, common, { plugins: { legend: { display: false } } }) };
    }
    if (kind === "hbar") {
      return { type: "bar", data: { labels: d.labels, datasets: [{ label: "Средний балл", data: d.values, backgroundColor: GREEN }] },
        options: Object.assign({}, common, { indexAxis: "y", scales: { x: { min: 0, max: 5 } }, plugins: { legend: { display: false } } }) };
    }
    if (kind === "prepost") {
      return { type: "bar", data: { labels: d.labels, datasets: [
        { label: "В начале", data: d.start, backgroundColor: GREY },
        { label: "В конце", data: d.end, backgroundColor: GREEN }] },
        options: Object.assign({}, common, { scales: { y: { min: 0, max: 5 } } }) };
    }
    if (kind === "prepost-h") {
      // Long criteria read better as horizontal bars; labels are cut to fit a phone.
      var short = d.labels.map(function (l) { return l.length > 38 ? l.slice(0, 36) + "…" : l; });
      return { type: "bar", data: { labels: short, datasets: [
        { label: "В начале", data: d.start, backgroundColor: GREY },
        { label: "В конце", data: d.end, backgroundColor: GREEN }] },
        options: Object.assign({}, common, { indexAxis: "y", scales: { x: { min: 0, max: 5 } } }) };
    }
    if (kind === "doughnut") {
      return { type: "doughnut", data: { labels: d.labels, datasets: [{ data: d.values, backgroundColor: [GREEN, BLUE, RED, GREY] }] },
        options: common };
    }
    if (kind === "trends") {
      return { type: "line", data: { labels: d.labels, datasets: [
        { label: "Удовлетворённость (1–5)", data: d.satisfaction, borderColor: BLUE, backgroundColor: BLUE, yAxisID: "y", spanGaps: true },
        { label: "Закрепление молодых, %", data: d.retention, borderColor: GREEN, backgroundColor: GREEN, yAxisID: "y1", spanGaps: true },
        { label: "ВПР/ОГЭ/ЕГЭ сдали, %", data: d.exam_pass, borderColor: ORANGE, backgroundColor: ORANGE, yAxisID: "y1", spanGaps: true },
        { label: "Обращения родителей", data: d.complaints, borderColor: RED, backgroundColor: RED, yAxisID: "y1", spanGaps: true }] },
        options: Object.assign({}, common, { scales: { y: { min: 0, max: 5, position: "left" }, y1: { min: 0, position: "right", grid: { drawOnChartArea: false } } } }) };
    }
    return null;
  }

  function hasData(kind, d) {
    var values = kind.indexOf("prepost") === 0 ? (d.start || []).concat(d.end || []) : (kind === "trends" ? d.labels : d.values);
    return (values || []).some(function (v) { return v !== null && v !== 0 && v !== undefined; });
  }

  document.querySelectorAll("canvas[data-key]").forEach(function (canvas) {
    var d = data[canvas.dataset.key];
    var kind = canvas.dataset.kind;
    if (!d || !hasData(kind, d)) { empty(canvas); return; }
    var cfg = config(kind, d);
    cfg.plugins = [whiteBackground];
    new Chart(canvas, cfg);
  });

  document.querySelectorAll("button.chart-png").forEach(function (button) {
    button.addEventListener("click", function () {
      var canvas = document.getElementById(button.dataset.chart);
      if (!canvas || !canvas.toDataURL) { return; }
      var link = document.createElement("a");
      link.href = canvas.toDataURL("image/png");
      link.download = (button.dataset.name || "диаграмма") + ".png";
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  });
})();
