// 24 h charts with uPlot (loaded as a classic script from its WebJar: the global uPlot).
import * as api from "./api.js";
import { el } from "./format.js";

const COLOURS = ["#0b62d6", "#d9480f", "#2b8a3e", "#862e9c", "#c92a2a"];
export const DAY_STEP = "5m";

/** The last 24 h of a metric, one line per device, at DAY_STEP resolution. */
export async function daySeries(site, metric, device) {
  const to = new Date();
  const from = new Date(to.getTime() - 24 * 3600 * 1000);
  let path = api.sitePath(site, "/series") + "?metric=" + encodeURIComponent(metric)
    + "&from=" + from.toISOString() + "&to=" + to.toISOString() + "&step=" + DAY_STEP;
  if (device) path += "&device=" + encodeURIComponent(device);
  return api.get(path);
}

/** Aligns the answer's series on one time axis, as uPlot wants its data. */
function aligned(answer) {
  const times = new Set();
  for (const s of answer.series) for (const [t] of s.points) times.add(Date.parse(t));
  const xs = [...times].sort((a, b) => a - b);
  const index = new Map(xs.map((t, i) => [t, i]));
  const ys = answer.series.map((s) => {
    const y = new Array(xs.length).fill(null);
    for (const [t, v] of s.points) y[index.get(Date.parse(t))] = v;
    return y;
  });
  return [xs.map((t) => t / 1000), ...ys];
}

/** A chart card: title, then the chart, sized to its card and resized with it. */
export function chartCard(title, unitLabel, load) {
  const box = el("div", { class: "chart" });
  const card = el("section", { class: "card", "aria-label": title + " over 24 hours" },
    el("h2", { text: title + " (24 h)" }), box);
  load().then((answer) => {
    if (typeof uPlot === "undefined") {
      box.append(el("p", { class: "error", text: "The chart library did not load." }));
      return;
    }
    if (!answer.series.length) {
      box.append(el("p", { class: "muted", text: "No data in the last 24 hours." }));
      return;
    }
    const data = aligned(answer);
    const fg = getComputedStyle(document.documentElement).getPropertyValue("--fg").trim();
    const axis = { stroke: fg, grid: { stroke: "rgba(128,128,128,0.3)" }, ticks: { stroke: fg } };
    const plot = new uPlot({
      width: Math.max(200, box.clientWidth),
      height: 200,
      series: [{}, ...answer.series.map((s, i) => ({
        label: s.device || title, stroke: COLOURS[i % COLOURS.length], width: 2, spanGaps: false,
      }))],
      axes: [axis, { ...axis, label: unitLabel, size: 60 }],
      legend: { show: answer.series.length > 1 },
    }, data, box);
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(() => plot.setSize({ width: Math.max(200, box.clientWidth), height: 200 }))
        .observe(box);
    }
  }).catch((e) => box.append(el("p", { class: "error", text: e.message })));
  return card;
}
