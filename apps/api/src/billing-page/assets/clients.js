// The clients table: every client the key may see with its resources, collection status and
// coverage over the last 7 days, all from ONE summary request (one query on the server), then
// filtered and sorted in the browser and rendered in one pass.
import { getJson } from './api.js';
import { $, el, fmt } from './ui.js';

const COVERAGE_DAYS = 7;

let rows = [];
let filter = '';
let sort = { key: 'name', dir: 1 };
let generation = 0; // a newer load wins over an older one still in flight
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

/** Loads the summary; a failure empties the table so no stale figures stay on screen. */
export async function loadClients() {
  const mine = ++generation;
  const from = new Date(Date.now() - COVERAGE_DAYS * 86_400_000).toISOString();
  let summary;
  try {
    summary = await getJson(`/reports/summary?from=${encodeURIComponent(from)}`);
  } catch (e) {
    if (mine === generation) {
      rows = [];
      render('Could not load the clients (see the message above).');
    }
    throw e;
  }
  if (mine !== generation) return rows;
  rows = summary.clients.map((c) => ({ ...c, state: statusOf(c) }));
  $('clients-note').textContent =
    `Coverage: samples received ÷ samples expected over the last ${COVERAGE_DAYS} days, as each client's report totals. ` +
    'Status: the latest collection run for collected resources; "pushed" means the client only pushes its own samples.';
  render();
  return rows;
}

export function setFilter(text) {
  filter = text.trim().toLocaleLowerCase();
  render();
}

export function visibleRows() {
  return filter ? rows.filter((r) => r.name.toLocaleLowerCase().includes(filter) || (r.billingRef ?? '').toLocaleLowerCase().includes(filter)) : rows;
}

/** Text, style and sort rank of the status cell. */
function statusOf(c) {
  const { collected, pushed, collectedOk } = c.resources;
  switch (c.status) {
    case 'ok': return { text: `ok, ${collectedOk} of ${collected} collected`, cls: 'status-ok', rank: 4 };
    case 'partial': return { text: `partial: ${collectedOk} of ${collected} collected`, cls: 'status-warn', rank: 2 };
    case 'failed': return { text: `failed: 0 of ${collected} collected`, cls: 'status-bad', rank: 1 };
    case 'pushed': return { text: 'pushed', cls: 'status-ok', rank: 5, title: `${pushed} push-only resource(s): nothing to collect` };
    default: return { text: collected ? 'no collection yet' : 'no active resources', cls: 'muted', rank: 6 };
  }
}

function resourcesText(c) {
  const { collected, pushed, inactive } = c.resources;
  const parts = [`${fmt.int(collected)} collected`, `${fmt.int(pushed)} pushed`];
  if (inactive) parts.push(`${fmt.int(inactive)} inactive`);
  return parts.join(' · ');
}

function sortValue(row, key) {
  if (key === 'status') return row.state.rank;
  if (key === 'coverage') return row.coverage ?? null;
  if (key === 'resources') return row.resources.collected + row.resources.pushed;
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

/** One pass: build every row into a fragment, then swap the body once. */
function render(emptyText) {
  for (const th of document.querySelectorAll('#clients-table th')) {
    const key = th.querySelector('button')?.dataset.sort;
    if (key === sort.key) th.setAttribute('aria-sort', sort.dir === 1 ? 'ascending' : 'descending');
    else th.removeAttribute('aria-sort');
  }
  const body = $('clients-table').tBodies[0];
  const shown = [...visibleRows()].sort(compare);
  const fragment = document.createDocumentFragment();
  for (const row of shown) {
    const tr = el(
      'tr',
      { dataset: { id: row.id, status: row.status }, tabIndex: 0, title: 'Pick this client for the report' },
      el('td', { className: 'name' }, row.name),
      el('td', {}, row.billingRef ?? '—'),
      el('td', {}, row.active ? 'yes' : 'no'),
      el('td', {}, resourcesText(row)),
      el('td', { className: row.state.cls, ...(row.state.title ? { title: row.state.title } : {}) }, row.state.text),
      el('td', { className: 'num' }, fmt.pct(row.coverage)),
    );
    if (row.id === selectedId) tr.classList.add('selected');
    fragment.append(tr);
  }
  if (!shown.length) fragment.append(el('tr', {}, el('td', { colSpan: 6, className: 'muted' }, emptyText ?? (rows.length ? 'No client matches the filter.' : 'No clients visible to this key.'))));
  body.replaceChildren(fragment);
  $('clients-count').textContent = rows.length ? `${fmt.int(shown.length)} of ${fmt.int(rows.length)} clients` : '';
}

// One listener for the whole table instead of two per row.
export function wireTable() {
  const body = $('clients-table').tBodies[0];
  const pickFrom = (target) => {
    const tr = target.closest('tr[data-id]');
    if (tr) onPick(tr.dataset.id);
  };
  body.addEventListener('click', (e) => pickFrom(e.target));
  body.addEventListener('keydown', (e) => e.key === 'Enter' && pickFrom(e.target));
}
