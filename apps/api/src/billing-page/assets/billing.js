// The billing page: key → clients → report. Plain ES modules, no build step.
import { session } from './api.js';
import { initClients, loadClients, markSelected } from './clients.js';
import { downloadReport, lastCalendarMonth, preview } from './report.js';
import { $, busy, clearError, el, showError, showNotice } from './ui.js';

// Never a blank page: anything unexpected is shown, not swallowed.
window.addEventListener('error', (e) => showError(e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => showError(e.reason));

const ZONES = ['UTC', 'Europe/Berlin', 'Europe/London', 'Europe/Paris', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney'];

function showKeyForm() {
  $('key-section').hidden = false;
  $('clients-section').hidden = true;
  $('report-section').hidden = true;
  $('who').hidden = true;
  $('key-input').focus();
}

async function start() {
  const key = session.key();
  if (!key) return showKeyForm();
  $('key-section').hidden = true;
  $('who').hidden = false;
  $('who-text').textContent = `Key ${key.slice(0, 12)}…`;
  try {
    await refreshClients();
    $('clients-section').hidden = false;
    $('report-section').hidden = false;
  } catch (e) {
    showError(e);
    // A refused key is no use for the rest of the session: ask again.
    if (e.status === 401) {
      session.forget();
      showKeyForm();
    }
  }
}

async function refreshClients() {
  fillClientSelect(await loadClients($('client-filter').value.trim()));
}

function fillClientSelect(rows) {
  const select = $('client-select');
  const current = select.value;
  const sorted = [...rows].sort((a, b) => a.name.localeCompare(b.name));
  select.replaceChildren(el('option', { value: '' }, sorted.length ? '— pick a client —' : 'no clients'), ...sorted.map((c) => el('option', { value: c.id }, c.name)));
  if (sorted.some((c) => c.id === current)) select.value = current;
  else if (sorted.length === 1) pickClient(sorted[0].id);
}

function pickClient(id) {
  $('client-select').value = id;
  markSelected(id);
}

function selectedClient() {
  const id = $('client-select').value;
  if (!id) throw new Error('Pick a client first (in the table or the Client list).');
  return id;
}

function wire() {
  initClients(pickClient);
  $('tz-list').replaceChildren(...ZONES.map((z) => el('option', { value: z })));
  $('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const key = $('key-input').value.trim();
    if (!key) return;
    session.save(key);
    $('key-input').value = '';
    clearError();
    start();
  });
  $('forget-key').addEventListener('click', () => {
    session.forget();
    showNotice('');
    showKeyForm();
  });
  $('reload-clients').addEventListener('click', (e) => busy(e.currentTarget, refreshClients));
  let filterTimer;
  $('client-filter').addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => refreshClients().catch(showError), 300);
  });
  $('client-select').addEventListener('change', () => markSelected($('client-select').value));
  const togglePeriod = () => {
    const custom = $('period').value === 'custom';
    $('report-form').classList.toggle('hide-custom', !custom);
    // Start a custom period from last month, the usual invoicing window, rather than empty fields.
    if (custom && !$('from').value && !$('to').value) {
      try {
        const { from, to } = lastCalendarMonth($('tz').value.trim() || 'UTC');
        $('from').value = from;
        $('to').value = to;
      } catch { /* an unknown zone is reported when the report is requested */ }
    }
  };
  $('period').addEventListener('change', togglePeriod);
  togglePeriod();
  $('report-form').addEventListener('submit', (e) => {
    e.preventDefault();
    busy($('preview'), () => preview(selectedClient()));
  });
  for (const format of ['csv', 'json']) {
    $(`download-${format}`).addEventListener('click', (e) =>
      busy(e.currentTarget, async () => showNotice(`Downloaded ${await downloadReport(selectedClient(), format)}`)));
  }
}

$('boot').hidden = true;
wire();
start();
