// uPlot wrappers of the sensor page: a live line and a history mean with a min/max band.
// uPlot is vendored (vendor/uplot) and loaded as a classic script, so it is the global `uPlot`.

import { api, formatNumber } from './app.js';

function cssVar(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function chartHeight() {
  return window.matchMedia('(max-width: 560px)').matches ? 200 : 260;
}

function axes(symbol) {
  const stroke = cssVar('--muted', '#5a6576');
  const grid = { stroke: cssVar('--border', '#dce2ea'), width: 1 };
  return [
    { stroke, grid, ticks: grid },
    { stroke, grid, ticks: grid, size: 60, label: symbol || undefined, values: (u, vals) => vals.map(formatNumber) },
  ];
}

function legendValue(symbol) {
  return (u, v) => (v === null || v === undefined ? '—' : symbol ? `${formatNumber(v)} ${symbol}` : formatNumber(v));
}

/** Keeps a chart as wide as its container. */
function follow(container, chart) {
  let last = 0;
  const observer = new ResizeObserver(() => {
    const width = Math.floor(container.clientWidth);
    if (width > 0 && width !== last) {
      last = width;
      chart.setSize({ width, height: chartHeight() });
    }
  });
  observer.observe(container);
  return observer;
}

/** How much longer than its interval a sensor may stay silent before its line breaks: a missed reading or two. */
export const GAP_FACTOR = 2.2;

/**
 * `data` ([t in seconds, ...columns]) with a null row inside every silence longer than `gapSeconds`, so uPlot breaks
 * the line there instead of drawing a halt or an outage as a straight line. Also returns how many gaps it found.
 */
export function withGaps(data, gapSeconds) {
  const [t, ...columns] = data;
  if (!(gapSeconds > 0) || t.length < 2) return { data, gaps: 0 };
  const out = [[], ...columns.map(() => [])];
  let gaps = 0;
  for (let i = 0; i < t.length; i++) {
    if (i > 0 && t[i] - t[i - 1] > gapSeconds) {
      out[0].push((t[i - 1] + t[i]) / 2);
      columns.forEach((_, k) => out[k + 1].push(null));
      gaps += 1;
    }
    out[0].push(t[i]);
    columns.forEach((column, k) => out[k + 1].push(column[i]));
  }
  return { data: out, gaps };
}

/** The history API's `step` in seconds (`6s`, `10min`, `hour`), or 0 for raw readings. */
export function stepSeconds(step) {
  if (step === 'hour') return 3600;
  if (step === '10min') return 600;
  const m = /^(\d+(?:\.\d+)?)s$/.exec(step ?? '');
  return m ? Number(m[1]) : 0;
}

/** Live chart: seconds on x (uPlot's time unit), one value series. */
export function liveChart(container, symbol) {
  const accent = cssVar('--accent', '#1d5fd6');
  const opts = {
    width: Math.max(200, container.clientWidth),
    height: chartHeight(),
    scales: { x: { time: true } },
    series: [
      {},
      { label: 'value', stroke: accent, width: 2, points: { show: false }, spanGaps: false, value: legendValue(symbol) },
    ],
    axes: axes(symbol),
    cursor: { drag: { x: false, y: false } },
  };
  const chart = new uPlot(opts, [[], []], container);
  follow(container, chart);
  return chart;
}

/**
 * History chart: series mean, min and max (in that order), the band filled between max and min.
 * `range()` returns the requested [from, to] in seconds so the x axis shows the whole range, data or not.
 */
export function historyChart(container, symbol, range) {
  const accent = cssVar('--accent', '#1d5fd6');
  const muted = cssVar('--muted', '#5a6576');
  const opts = {
    width: Math.max(200, container.clientWidth),
    height: chartHeight(),
    scales: { x: { time: true, range: (u, min, max) => range() ?? [min, max] } },
    series: [
      {},
      { label: 'mean', stroke: accent, width: 2, points: { show: false }, spanGaps: false, value: legendValue(symbol) },
      { label: 'min', stroke: muted, width: 1, dash: [4, 4], points: { show: false }, spanGaps: false, value: legendValue(symbol) },
      { label: 'max', stroke: muted, width: 1, dash: [4, 4], points: { show: false }, spanGaps: false, value: legendValue(symbol) },
    ],
    bands: [{ series: [3, 2], fill: cssVar('--band', 'rgba(29, 95, 214, 0.16)') }],
    axes: axes(symbol),
  };
  const chart = new uPlot(opts, [[], [], [], []], container);
  follow(container, chart);
  return chart;
}

/** One codifier's history from `from` to `to` (epoch ms), as the history API answers it; the sensor and graphs pages share it. */
export function fetchHistory(code, from, to, step) {
  const query = `from=${Math.floor(from)}&to=${Math.ceil(to)}${step ? `&step=${encodeURIComponent(step)}` : ''}`;
  return api(`/api/sensors/${encodeURIComponent(code)}/history?${query}`);
}

const PALETTE = ['#1d5fd6', '#d6451d', '#2a9d4b', '#9b3fc7', '#c79a1d', '#1da5b8', '#c71d6f', '#5a6576'];

/**
 * Several codifiers overlaid, one y axis per unit: `units` (one or two) get the left and the right axis, and each of
 * `series` ({label, unit, symbol}) is drawn on its unit's scale. `range()` gives [from, to] in seconds for the x axis.
 */
export function overlayChart(container, units, series, range) {
  const stroke = cssVar('--muted', '#5a6576');
  const grid = { stroke: cssVar('--border', '#dce2ea'), width: 1 };
  const scales = { x: { time: true, range: (u, min, max) => range() ?? [min, max] } };
  const yAxes = units.map((unit, i) => {
    scales[`u${i}`] = {};
    return {
      scale: `u${i}`, side: i === 0 ? 3 : 1, stroke, grid: { ...grid, show: i === 0 }, ticks: grid, size: 60,
      label: unit || '(no unit)', values: (u, vals) => vals.map(formatNumber),
    };
  });
  const opts = {
    width: Math.max(200, container.clientWidth),
    height: chartHeight(),
    scales,
    series: [{}, ...series.map((s, i) => ({
      label: s.label, scale: `u${Math.max(0, units.indexOf(s.unit))}`, stroke: PALETTE[i % PALETTE.length], width: 2,
      points: { show: false }, spanGaps: true, value: legendValue(s.symbol),
    }))],
    axes: [{ stroke, grid, ticks: grid }, ...yAxes],
  };
  const chart = new uPlot(opts, [[], ...series.map(() => [])], container);
  follow(container, chart);
  return chart;
}
