// Report period, preview and downloads for one client.
import { download, getJson } from './api.js';
import { $, el, fmt } from './ui.js';

/** Query parameters for the chosen period; dates are read by the API as midnight in tz. */
export function reportParams() {
  const tz = $('tz').value.trim() || 'UTC';
  const params = new URLSearchParams({ tz });
  const period = $('period').value;
  if (period === 'lastMonth') {
    const { from, to } = lastCalendarMonth(tz);
    params.set('from', from);
    params.set('to', to);
  } else if (period === 'custom') {
    const from = $('from').value;
    const to = $('to').value;
    if (!from || !to) throw new Error('Custom period: pick both a From and a To date (To is exclusive: the day after the last day billed).');
    params.set('from', from);
    params.set('to', to);
  } // last 30 days: the API's default window, ending now
  return params;
}

export function lastCalendarMonth(tz) {
  let parts;
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: 'numeric' }).formatToParts(new Date());
  } catch {
    throw new Error(`Time zone: "${tz}" is not a known IANA zone (e.g. UTC, Europe/Berlin).`);
  }
  const year = Number(parts.find((p) => p.type === 'year').value);
  const month = Number(parts.find((p) => p.type === 'month').value);
  const prev = month === 1 ? { y: year - 1, m: 12 } : { y: year, m: month - 1 };
  const pad = (n) => String(n).padStart(2, '0');
  return { from: `${prev.y}-${pad(prev.m)}-01`, to: `${year}-${pad(month)}-01` };
}

/** Hides and empties the preview, so an error or another client never leaves old figures up. */
export function clearReport() {
  $('preview-area').hidden = true;
  $('report-summary').replaceChildren();
  $('report-table').tBodies[0].replaceChildren();
  $('totals-table').tBodies[0].replaceChildren();
}

const REPORT_PATH = '/api/v1/clients/{id}/report';

/**
 * The formats the report endpoint offers, from its OpenAPI document, so a format added on the
 * server (xlsx, pdf, focus…) gets a button without a change here. CSV and JSON when the
 * document cannot be read.
 */
export async function reportFormats() {
  try {
    const res = await fetch('/api/docs-json', { cache: 'no-store' });
    const doc = await res.json();
    const param = doc.paths[REPORT_PATH].get.parameters.find((p) => p.name === 'format' && p.in === 'query');
    const formats = param?.schema?.enum;
    if (Array.isArray(formats) && formats.length && formats.every((f) => /^[a-z0-9]+$/.test(f))) return formats;
  } catch { /* fall through */ }
  return ['csv', 'json'];
}

export async function preview(clientId) {
  clearReport();
  const params = reportParams();
  params.set('format', 'json');
  const report = await getJson(`/clients/${clientId}/report?${params}`);
  renderReport(report);
  return report;
}

export async function downloadReport(clientId, format) {
  const params = reportParams();
  params.set('format', format);
  return download(`/clients/${clientId}/report?${params}`, `tally-report.${format}`);
}

function renderReport(r) {
  $('report-summary').replaceChildren(
    el('strong', {}, r.client.name),
    ` · ${fmt.date(r.window.from)} → ${fmt.date(r.window.to)} (dates in ${r.window.tz}) · `,
    el('span', { className: `badge ${r.status}`, title: r.status === 'provisional' ? 'The window ended recently: numbers may still change' : 'Complete' }, r.status),
    ` · generated ${fmt.date(r.generatedAt)}`,
    ...(r.amount != null ? [' · total ', el('strong', { dataset: { role: 'client-amount' } }, money(r.amount, r.currency))] : []),
  );
  const rows = [];
  for (const p of r.projects) {
    for (const res of p.resources) {
      for (const m of res.measurements) {
        const resource = res.active ? res.name : `${res.name} (inactive)`;
        rows.push(el('tr', { dataset: { resource: res.name, measurement: m.key } },
          el('td', {}, p.name), el('td', {}, resource), el('td', {}, m.key),
          num(m.samples), num(m.expected), el('td', { className: 'num' }, fmt.pct(m.coverage)),
          stat(m.min), stat(m.max), stat(m.avg), stat(m.last), num(m.usage, 'usage'), el('td', {}, m.usageUnit),
          amountCell(m.amount, m.currency, m.pricing)));
      }
    }
    for (const t of p.totals) {
      const tr = el('tr', { className: 'subtotal', dataset: { subtotal: p.name, measurement: t.key } },
        el('td', {}, p.name), el('td', {}, `subtotal (${t.resources})`), el('td', {}, t.key),
        num(t.samples), num(t.expected), el('td', { className: 'num' }, fmt.pct(t.coverage)),
        stat(null, ''), stat(null, ''), stat(null, ''), stat(null, ''), num(t.usage, 'usage'), el('td', {}, t.usageUnit), amountCell(t.amount, t.currency));
      rows.push(tr);
    }
  }
  if (!rows.length) rows.push(el('tr', {}, el('td', { colSpan: 13, className: 'muted' }, 'No resources with measurements in this window.')));
  $('report-table').tBodies[0].replaceChildren(...rows);
  $('totals-table').tBodies[0].replaceChildren(...r.totals.map((t) =>
    el('tr', { dataset: { measurement: t.key } }, el('td', {}, t.key), num(t.resources), num(t.samples), num(t.expected),
      el('td', { className: 'num' }, fmt.pct(t.coverage)), num(t.usage, 'usage'), el('td', {}, t.usageUnit), amountCell(t.amount, t.currency))));
  $('preview-area').hidden = false;
}

/** Amounts are decimal text from the API; shown digit for digit, never through a float. */
function money(amount, currency) {
  return `${fmt.decimal(amount)}${currency ? ` ${currency}` : ''}`;
}

function amountCell(amount, currency, pricing) {
  return el('td', { className: 'num', dataset: { role: 'amount' }, ...(pricing ? { title: pricing } : {}) }, amount == null ? '—' : money(amount, currency));
}

/** Min, max, avg, last: hidden unless asked for, so usage and amount fit at 1280 px. */
function stat(v, text) {
  return el('td', { className: 'num stat' }, text ?? fmt.num(v));
}

function num(v, role) {
  return el('td', { className: 'num', ...(role ? { dataset: { role } } : {}) }, fmt.num(v));
}
