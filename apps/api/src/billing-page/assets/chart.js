// Daily usage bars for the previewed client and period, drawn with Chart.js (served by this
// origin as chart.umd.min.js, loaded before this module). One measurement at a time: usages of
// different units are never stacked together.
import { getJson } from './api.js';
import { $, el } from './ui.js';

const COLOURS = ['#2456c9', '#1e7b34', '#b3261e', '#8a5a00', '#6a3fb5', '#00838f', '#c2185b', '#5d6779'];
let chart = null;
let data = null;

export function clearChart() {
  chart?.destroy();
  chart = null;
  data = null;
  $('chart-area').hidden = true;
  delete $('usage-chart').dataset.datasets;
}

export function initChart() {
  $('chart-measurement').addEventListener('change', draw);
  $('chart-group').addEventListener('change', draw);
}

/** Same period as the report (from, to, tz); the API cuts it at each midnight in tz. */
export async function loadChart(clientId, params) {
  clearChart();
  const query = new URLSearchParams(params);
  query.delete('format');
  data = await getJson(`/clients/${clientId}/usage/daily?${query}`);
  const keys = [...new Set(data.series.map((s) => s.measurementKey))].sort();
  const select = $('chart-measurement');
  const previous = select.value;
  select.replaceChildren(...keys.map((k) => el('option', { value: k }, k)));
  if (keys.includes(previous)) select.value = previous;
  if (!keys.length) return;
  $('chart-area').hidden = false;
  draw();
}

function labelOf(s, by) {
  if (by === 'project') return s.projectName;
  if (by === 'client') return data.client.name;
  return `${s.projectName} / ${s.resourceName}`;
}

function draw() {
  if (!data || !globalThis.Chart) return;
  const key = $('chart-measurement').value;
  const by = $('chart-group').value;
  const series = data.series.filter((s) => s.measurementKey === key);
  const groups = new Map();
  for (const s of series) {
    const label = labelOf(s, by);
    const sums = groups.get(label) ?? data.days.map(() => 0);
    s.usage.forEach((v, i) => (sums[i] += v));
    groups.set(label, sums);
  }
  const unit = series[0]?.usageUnit ?? '';
  const datasets = [...groups].map(([label, usage], i) => ({ label, data: usage, backgroundColor: COLOURS[i % COLOURS.length] }));
  chart?.destroy();
  chart = new globalThis.Chart($('usage-chart'), {
    type: 'bar',
    data: { labels: data.days.map((d) => d.date), datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      // No locale option: Chart.js formats ticks and tooltips in the browser's locale.
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: `${key} (${unit})` } } },
      plugins: { legend: { display: datasets.length <= 12 } },
    },
  });
  $('usage-chart').dataset.datasets = String(datasets.length);
}
