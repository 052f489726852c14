// The live dashboard: polls /api/dashboard every second and redraws the chart, the figures and the
// tables. The chart is uPlot, served from the application's jar, so the page works offline.
"use strict";

const dashboard = { chart: null, windows: [], polls: 0 };
window.dashboard = dashboard;

const SERIES = [
  { key: "bot", label: "Bot", stroke: "#d9480f" },
  { key: "human", label: "Human", stroke: "#1c7ed6" },
  { key: "unknown", label: "Unknown", stroke: "#868e96" },
];

function number(value) {
  return value === null || value === undefined ? "n/a" : value.toLocaleString("en-US");
}

function share(row) {
  const total = row.bot + row.human + row.unknown;
  return total === 0 ? "–" : (100 * row.bot / total).toFixed(1) + "%";
}

function span(row) {
  return row.start.replace("T", " ").replace(/(:\d\d)(\.\d+)?Z$/, "$1") + "–" +
    row.end.replace(/^.*T/, "").replace(/(:\d\d)(\.\d+)?Z$/, "$1");
}

function cell(tr, text) {
  const td = document.createElement("td");
  td.textContent = text;
  tr.appendChild(td);
  return td;
}

function chartData(windows) {
  return [windows.map(w => w.endMs / 1000)].concat(SERIES.map(s => windows.map(w => w[s.key])));
}

function drawChart(windows) {
  const data = chartData(windows);
  if (dashboard.chart === null) {
    const opts = {
      width: 760,
      height: 300,
      tzDate: ts => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
      scales: { x: { time: true } },
      axes: [{ label: "window end (UTC)" }, { label: "edits" }],
      series: [{ label: "window end" }].concat(SERIES.map(s => ({
        label: s.label, stroke: s.stroke, width: 2, points: { show: true, size: 6 },
      }))),
    };
    dashboard.chart = new uPlot(opts, data, document.getElementById("chart"));
  } else {
    dashboard.chart.setData(data);
  }
}

function fillWindows(windows) {
  const body = document.querySelector("#windows tbody");
  body.replaceChildren();
  for (const row of windows.slice().reverse()) {
    const tr = document.createElement("tr");
    tr.dataset.start = row.start;
    tr.dataset.end = row.end;
    cell(tr, span(row));
    cell(tr, number(row.bot)).className = "bot";
    cell(tr, number(row.human)).className = "human";
    cell(tr, number(row.unknown)).className = "unknown";
    cell(tr, share(row)).className = "share";
    body.appendChild(tr);
  }
}

function fillDeadLetters(letters) {
  const body = document.querySelector("#dead-letters tbody");
  body.replaceChildren();
  for (const letter of letters) {
    const tr = document.createElement("tr");
    cell(tr, letter.time.replace("T", " ").replace(/(\.\d+)?Z$/, ""));
    cell(tr, letter.reason).className = "reason";
    cell(tr, "partition " + letter.partition + ", offset " + letter.offset);
    cell(tr, letter.message);
    body.appendChild(tr);
  }
  document.getElementById("no-dead-letters").hidden = letters.length > 0;
}

function fillStatus(data) {
  const status = data.status;
  document.getElementById("runtime").textContent = "on " + data.runtime;
  document.getElementById("status-in").textContent = number(status.in);
  document.getElementById("status-counted").textContent = number(status.counted);
  document.getElementById("status-late").textContent = number(status.late);
  document.getElementById("status-dead-lettered").textContent = number(status.deadLettered);
  document.getElementById("status-lag").textContent = number(status.lag);
  document.getElementById("status-watermark").textContent =
    status.watermark === null ? "none yet" : status.watermark.replace("T", " ").replace(/(\.\d+)?Z$/, "");
  const latest = data.windows[data.windows.length - 1];
  document.getElementById("bot-share").textContent = latest ? share(latest) : "–";
}

async function poll() {
  const connection = document.getElementById("connection");
  try {
    const response = await fetch("/api/dashboard", { cache: "no-store" });
    if (!response.ok) {
      throw new Error("HTTP " + response.status);
    }
    const data = await response.json();
    dashboard.windows = data.windows;
    fillStatus(data);
    drawChart(data.windows);
    fillWindows(data.windows);
    fillDeadLetters(data.deadLetters);
    dashboard.polls++;
    connection.textContent = "live, updated " + new Date().toLocaleTimeString("en-GB");
    connection.classList.remove("down");
  } catch (error) {
    connection.textContent = "no answer from the pipeline (" + error.message + "); retrying";
    connection.classList.add("down");
  }
}

poll();
setInterval(poll, 1000);
