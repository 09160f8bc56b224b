// The clients table: every client the key may see, with its latest collection outcome and its
// coverage over the last 7 days, sortable by any column.
import { allItems, getJson } from './api.js';
import { $, el, fmt, showError } from './ui.js';

const COVERAGE_DAYS = 7;
const PARALLEL = 4;

let rows = [];
let sort = { key: 'name', dir: 1 };
let generation = 0; // a reload or new filter makes older background fetches stop writing
let onPick = () => {};

export function initClients(pick) {
  onPick = pick;
  for (const button of document.querySelectorAll('#clients-table th button')) {
    button.addEventListener('click', () => {
      const key = button.dataset.sort;
      sort = { key, dir: sort.key === key ? -sort.dir : 1 };
      render();
    });
  }
}

/** Loads the list; coverage and collection cells fill in the background as reports arrive. */
export async function loadClients(filter = '') {
  const mine = ++generation;
  const query = filter ? `?name=${encodeURIComponent(filter)}` : '';
  const clients = await allItems(`/clients${query}`);
  if (mine !== generation) return rows;
  rows = clients.map((c) => ({ ...c, coverage: undefined, collection: { text: '…', cls: '', rank: 9 } }));
  render();
  fillDetails(mine).catch(showError);
  return rows;
}

async function fillDetails(mine) {
  const run = await latestRun();
  const coverage = `Coverage: samples received ÷ samples expected over the last ${COVERAGE_DAYS} days, from each client's report.`;
  const collection =
    run === undefined ? 'Collection runs are not visible to this key.'
    : run === null ? 'No collection has run yet.'
    : `Latest collection: slot ${fmt.date(run.slot)}, ${run.state} (${run.okCount} ok, ${run.errorCount} failed of ${run.total}).`;
  $('clients-note').textContent = `${coverage} ${collection}`;
  await pool(rows.slice(), PARALLEL, async (row) => {
    if (mine !== generation) return;
    const report = await weekReport(row.id).catch((e) => ({ error: e }));
    if (mine !== generation) return;
    row.coverage = report.error ? null : coverageOf(report.totals);
    row.collection = report.error ? { text: `report failed: ${report.error.message}`, cls: 'status-bad', rank: 0 } : collectionOf(run, report);
    render();
  });
}

async function weekReport(id) {
  const from = new Date(Date.now() - COVERAGE_DAYS * 86_400_000).toISOString();
  return getJson(`/clients/${id}/report?format=json&from=${encodeURIComponent(from)}`);
}

/**
 * The most recent collection run with its per-resource outcomes; null when there is none yet,
 * undefined when this server or key cannot list runs (client keys may not).
 */
async function latestRun() {
  try {
    const page = await getJson('/collections?kind=collect&limit=1');
    const run = page.items?.[0];
    if (!run) return null;
    const detail = await getJson(`/collections/${run.id}`);
    return { ...detail, outcomes: Object.fromEntries(detail.outcomes.map((o) => [o.target, o])) };
  } catch (e) {
    if ([403, 404].includes(e.status)) return undefined;
    throw e;
  }
}

function coverageOf(totals) {
  let samples = 0;
  let expected = 0;
  for (const t of totals) (samples += t.samples), (expected += t.expected);
  return expected > 0 ? samples / expected : null;
}

/** The run's outcome for this client's resources, when the run lists per-resource outcomes. */
function collectionOf(run, report) {
  if (run === undefined) return { text: '—', cls: 'muted', rank: 8 };
  if (run === null) return { text: 'no collection yet', cls: 'muted', rank: 7 };
  const ids = new Set(report.projects.flatMap((p) => p.resources.filter((r) => r.active).map((r) => r.id)));
  const outcomes = Object.values(run.outcomes ?? {}).filter((o) => ids.has(o.target));
  if (!ids.size) return { text: 'no active resources', cls: 'muted', rank: 6 };
  if (!run.outcomes) return { text: `${run.state} (${fmt.date(run.slot)})`, cls: run.state === 'succeeded' ? 'status-ok' : 'status-warn', rank: 3 };
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length) return { text: `${failed.length} of ${ids.size} failed: ${failed[0].reason ?? 'unknown reason'}`, cls: 'status-bad', rank: 1 };
  if (outcomes.length < ids.size) return { text: `${outcomes.length} of ${ids.size} collected (${run.state})`, cls: 'status-warn', rank: 2 };
  return { text: `ok, ${outcomes.length} of ${ids.size}`, cls: 'status-ok', rank: 4 };
}

function sortValue(row, key) {
  if (key === 'collection') return row.collection.rank;
  if (key === 'coverage') return row.coverage ?? null;
  if (key === 'active') return row.active ? 1 : 0;
  const v = row[key];
  return typeof v === 'string' ? v.toLocaleLowerCase() : (v ?? null);
}

function compare(a, b) {
  const x = sortValue(a, sort.key);
  const y = sortValue(b, sort.key);
  if (x === y) return a.name.localeCompare(b.name);
  if (x === null || x === undefined) return 1; // empty cells last, whatever the direction
  if (y === null || y === undefined) return -1;
  return (x < y ? -1 : 1) * sort.dir;
}

let selectedId = null;

export function markSelected(id) {
  selectedId = id;
  for (const tr of document.querySelectorAll('#clients-table tbody tr')) tr.classList.toggle('selected', tr.dataset.id === id);
}

function render() {
  for (const th of document.querySelectorAll('#clients-table th')) {
    const key = th.querySelector('button')?.dataset.sort;
    if (key === sort.key) th.setAttribute('aria-sort', sort.dir === 1 ? 'ascending' : 'descending');
    else th.removeAttribute('aria-sort');
  }
  const body = $('clients-table').tBodies[0];
  const trs = [...rows].sort(compare).map((row) => {
    const tr = el(
      'tr',
      { dataset: { id: row.id }, tabIndex: 0, title: 'Pick this client for the report' },
      el('td', {}, row.name),
      el('td', {}, row.billingRef ?? '—'),
      el('td', {}, row.active ? 'yes' : 'no'),
      el('td', { className: row.collection.cls }, row.collection.text),
      el('td', { className: 'num' }, row.coverage === undefined ? '…' : fmt.pct(row.coverage)),
    );
    tr.classList.toggle('selected', row.id === selectedId);
    tr.addEventListener('click', () => onPick(row.id));
    tr.addEventListener('keydown', (e) => e.key === 'Enter' && onPick(row.id));
    return tr;
  });
  body.replaceChildren(...trs);
  if (!rows.length) body.replaceChildren(el('tr', {}, el('td', { colSpan: 5, className: 'muted' }, 'No clients visible to this key.')));
}

async function pool(items, size, worker) {
  const queue = [...items];
  await Promise.all(Array.from({ length: size }, async () => {
    while (queue.length) await worker(queue.shift());
  }));
}
