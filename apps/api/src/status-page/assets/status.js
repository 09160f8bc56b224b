// The operators' status page: every host and cluster, refreshed by JSON fetches at the interval
// the viewer picks; acknowledge incidents and open maintenance windows. Shares the billing
// page's API door and DOM helpers (same origin, same CSP: no inline code, no CDN).
import { API_BASE, ApiError, getJson, session } from '/billing/api.js';
import { $, busy, clearError, el, fmt, showError, showNotice } from '/billing/ui.js';

window.addEventListener('error', (e) => showError(e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => showError(e.reason));

let rows = [];
let sort = { key: 'name', dir: 1 };
let timer;
let target;

async function post(path, body) {
  const res = await fetch(`${API_BASE}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${session.key() ?? ''}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body ?? {}),
    cache: 'no-store',
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, String(data.message ?? res.statusText), data.requestId);
  return data;
}

function showKeyForm() {
  $('key-section').hidden = false;
  $('status-section').hidden = true;
  $('who').hidden = true;
  $('key-input').focus();
}

async function refresh() {
  try {
    const status = await getJson('/alert-status');
    rows = status.items;
    $('status-note').textContent = `${rows.length} hosts and clusters, as of ${fmt.date(status.generatedAt)}`;
    render();
    clearError();
  } catch (e) {
    showError(e);
    if (e.status === 401 || e.status === 403) {
      session.forget();
      stopTimer();
      showKeyForm();
    }
  }
}

const sortValue = (r, key) => (key === 'lastPoll' ? r.lastPoll?.at ?? '' : key === 'incidents' ? r.incidents.length : String(r[key] ?? '').toLowerCase());

function render() {
  const filter = $('status-filter').value.trim().toLowerCase();
  const shown = rows
    .filter((r) => !filter || [r.name, r.clientName, r.state, r.kind, r.type].some((v) => String(v ?? '').toLowerCase().includes(filter)))
    .sort((a, b) => {
      const [x, y] = [sortValue(a, sort.key), sortValue(b, sort.key)];
      return (x < y ? -1 : x > y ? 1 : 0) * sort.dir || a.name.localeCompare(b.name);
    });
  $('status-table').querySelector('tbody').replaceChildren(...shown.map(row));
  for (const th of $('status-table').querySelectorAll('th')) {
    const key = th.querySelector('button')?.dataset.sort;
    if (key === sort.key) th.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending');
    else th.removeAttribute('aria-sort');
  }
}

function row(r) {
  const state = el('span', { className: `state ${r.state}` }, r.maintenance ? `maintenance (${r.maintenance})` : r.state);
  const poll = r.lastPoll ? `${fmt.date(r.lastPoll.at)}${r.lastPoll.ok ? '' : ' · failed'}${r.lastPoll.reason ? ` · ${r.lastPoll.reason}` : ''}` : '—';
  const incidents = el('td', { className: 'num' }, String(r.incidents.length), ...r.incidents.map((i) => {
    const line = el('span', { className: 'incident', dataset: { incident: String(i.id) } }, `#${i.id} ${i.ruleName}: ${i.severity}${i.acknowledgedAt ? ' · acknowledged' : ''}`);
    if (!i.acknowledgedAt) {
      const ack = el('button', { type: 'button', className: 'secondary', title: `Acknowledge incident ${i.id}` }, 'Acknowledge');
      ack.addEventListener('click', () => busy(ack, async () => {
        await post(`/alerts/${i.id}/acknowledge`);
        showNotice(`Incident ${i.id} acknowledged.`);
        await refresh();
      }));
      line.append(ack);
    }
    return line;
  }));
  const actions = el('td');
  if (r.kind === 'host') {
    const open = el('button', { type: 'button', className: 'secondary' }, 'Maintenance…');
    open.addEventListener('click', () => {
      target = r;
      $('maintenance-target').textContent = r.name;
      $('maintenance-section').hidden = false;
      $('maintenance-name').focus();
    });
    actions.append(open);
  }
  return el('tr', { dataset: { id: r.id } }, el('td', {}, r.kind), el('td', {}, r.name), el('td', {}, r.clientName ?? '—'), el('td', {}, state), el('td', {}, poll), incidents, actions);
}

function stopTimer() {
  clearInterval(timer);
  timer = undefined;
}

function schedule() {
  stopTimer();
  const seconds = Number($('refresh-every').value);
  if (seconds > 0) timer = setInterval(refresh, seconds * 1000);
}

async function start() {
  $('boot').hidden = true;
  if (!session.key()) return showKeyForm();
  $('key-section').hidden = true;
  $('who').hidden = false;
  $('who-text').textContent = `Key ${session.key().slice(0, 12)}…`;
  $('status-section').hidden = false;
  await refresh();
  schedule();
}

$('key-form').addEventListener('submit', (e) => {
  e.preventDefault();
  session.save($('key-input').value.trim());
  $('key-input').value = '';
  start();
});
$('forget-key').addEventListener('click', () => {
  session.forget();
  stopTimer();
  showKeyForm();
});
$('status-filter').addEventListener('input', render);
$('refresh-every').addEventListener('change', schedule);
$('refresh-now').addEventListener('click', (e) => busy(e.currentTarget, refresh));
for (const button of $('status-table').querySelectorAll('th button')) {
  button.addEventListener('click', () => {
    const key = button.dataset.sort;
    sort = { key, dir: sort.key === key ? -sort.dir : 1 };
    render();
  });
}
$('maintenance-cancel').addEventListener('click', () => ($('maintenance-section').hidden = true));
$('maintenance-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const submit = $('maintenance-form').querySelector('button[type=submit]');
  busy(submit, async () => {
    const now = Date.now();
    const minutes = Number($('maintenance-minutes').value);
    const window = await post('/maintenance-windows', {
      name: $('maintenance-name').value.trim(), scopeType: 'resource', scopeId: target.id,
      startsAt: new Date(now).toISOString(), endsAt: new Date(now + minutes * 60_000).toISOString(),
    });
    $('maintenance-section').hidden = true;
    showNotice(`Maintenance window "${window.name}" open for ${target.name} until ${fmt.date(window.endsAt)}.`);
    await refresh();
  });
});

start();
