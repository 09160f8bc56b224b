// DOM helpers. Data only ever enters the page as textContent, never as HTML.

export const $ = (id) => document.getElementById(id);

/** el('td', { className: 'num' }, 'text', childNode) */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('aria-') || k === 'role' || k === 'title') node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c)));
  return node;
}

export function showError(error) {
  const box = $('alert');
  const ref = error?.requestId ? `\nRequest id: ${error.requestId} (quote it when reporting a problem)` : '';
  const status = error?.status ? `${error.status} · ` : '';
  box.textContent = `${status}${error?.message ?? String(error)}${ref}`;
  box.hidden = false;
}

export function clearError() {
  $('alert').hidden = true;
  $('alert').textContent = '';
}

export function showNotice(text) {
  $('notice').textContent = text;
  $('notice').hidden = !text;
}

/** Runs an action with its button disabled, showing any failure instead of leaving the page blank. */
export async function busy(button, action) {
  button.disabled = true;
  clearError();
  try {
    return await action();
  } catch (e) {
    if (e?.name !== 'AbortError') showError(e);
    return undefined;
  } finally {
    button.disabled = false;
  }
}

// undefined: the browser's own locale, so a Zurich desk reads 1’234.5 and a Berlin one 1.234,5.
const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
// From a thousand up, fractions are noise next to the integer part (and made wide columns).
const largeFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const intFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

const decimalSeparator = new Intl.NumberFormat(undefined).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';

export const fmt = {
  /** Decimal text ("1234.50") in the locale, digit for digit: the integer part grouped as a BigInt, the fraction kept. */
  decimal: (text) => {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text ?? '');
    if (!m) return text ?? '—';
    return `${m[1]}${intFormat.format(BigInt(m[2]))}${m[3] ? decimalSeparator + m[3] : ''}`;
  },
  num: (v) => (v === null || v === undefined ? '—' : (Math.abs(v) >= 1000 ? largeFormat : numberFormat).format(v)),
  int: (v) => (v === null || v === undefined ? '—' : intFormat.format(v)),
  pct: (v) => (v === null || v === undefined ? '—' : percentFormat.format(v)),
  date: (iso) => (iso ? new Date(iso).toISOString().replace('T', ' ').replace(/:\d\d\.\d{3}Z$/, ' UTC') : '—'),
};
