// The page's only door to Tally. The page itself holds no data: everything comes from the
// REST API with the key the user typed, kept in sessionStorage (gone when the tab closes).
const KEY_ITEM = 'tally.apiKey';
export const API_BASE = '/api/v1';

export const session = {
  key: () => sessionStorage.getItem(KEY_ITEM),
  save: (key) => sessionStorage.setItem(KEY_ITEM, key),
  forget: () => sessionStorage.removeItem(KEY_ITEM),
};

/** An API answer other than 2xx, carrying the API's own message and request id. */
export class ApiError extends Error {
  constructor(status, message, requestId) {
    super(message);
    this.status = status;
    this.requestId = requestId;
  }
}

export async function request(path, { accept = 'application/json', signal } = {}) {
  let res;
  try {
    res = await fetch(`${API_BASE}${path}`, {
      headers: { Authorization: `Bearer ${session.key() ?? ''}`, Accept: accept },
      cache: 'no-store',
      signal,
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, `Cannot reach the Tally API: ${e.message}`);
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

async function errorOf(res) {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    return new ApiError(res.status, String(body.message ?? res.statusText), body.requestId);
  } catch {
    return new ApiError(res.status, `${res.status} ${res.statusText}${text ? `: ${text.slice(0, 200)}` : ''}`);
  }
}

export async function getJson(path, options) {
  return (await request(path, options)).json();
}

/** Fetches with the key, then saves the body under the server's file name. */
export async function download(path, fallbackName) {
  const res = await request(path, { accept: '*/*' });
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('Content-Disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return name;
}

function fileNameOf(disposition) {
  const m = /filename="([^"]+)"/.exec(disposition ?? '');
  return m ? m[1] : null;
}
