// The billing page: key → clients → report. Plain ES modules, no build step.
import { session } from './api.js';
import { initClients, loadClients, markSelected, setFilter, visibleRows, wireTable } from './clients.js';
import { clearChart, initChart, loadChart } from './chart.js';
import { clearReport, downloadReport, lastCalendarMonth, preview, reportFormats, reportParams } from './report.js';
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
  setFilter($('client-filter').value);
  await loadClients();
  fillClientSelect(visibleRows());
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
  wireTable();
  initChart();
  $('show-stats').addEventListener('change', (e) => $('report-table').classList.toggle('hide-stats', !e.currentTarget.checked));
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
    // The list is already in the browser: filtering needs no request.
    filterTimer = setTimeout(() => {
      setFilter($('client-filter').value);
      fillClientSelect(visibleRows());
    }, 150);
  });
  $('client-select').addEventListener('change', () => {
    markSelected($('client-select').value);
    clearReport(); // the preview on screen belongs to the previous client
    clearChart();
  });
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
    // Whatever happens next, the old preview must not stay on screen looking current.
    clearReport();
    clearChart();
    busy($('preview'), async () => {
      const id = selectedClient();
      await preview(id);
      await loadChart(id, reportParams());
    });
  });
  wireDownloads();
}

/** One button per format the report endpoint offers, read from the OpenAPI document at runtime. */
async function wireDownloads() {
  const formats = await reportFormats();
  $('downloads').replaceChildren(...formats.map((format) => {
    const button = el('button', { type: 'button', id: `download-${format}`, className: 'secondary' }, `Download ${format.toUpperCase()}`);
    button.addEventListener('click', () =>
      busy(button, async () => showNotice(`Downloaded ${await downloadReport(selectedClient(), format)}`)));
    return button;
  }));
}

$('boot').hidden = true;
wire();
start();
