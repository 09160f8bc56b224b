'use strict';
// A Ganeti RAPI stand-in: a real HTTPS server answering `GET /2/instances[?bulk=1]` as a
// healthy Ganeti Remote API does, from a recorded answer (test/fixtures/ganeti). The demo
// (`npm run demo -- --ganeti`) runs it so that Ganeti collection can be seen on one machine;
// the tests build their failure modes on the same routing (test/support/rapi-standin.ts), and
// their certificates with the same openssl steps. Node built-ins and the openssl CLI only.
const fs = require('node:fs');
const path = require('node:path');
const https = require('node:https');
const { X509Certificate } = require('node:crypto');
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');

const run = promisify(execFile);

/** @typedef {Buffer | unknown[] | (() => Buffer)} RapiBody */
/** @typedef {{ username: string, password: string }} Credentials */
/**
 * What a healthy RAPI answers: `bulk` (the instances, to send as they are), or a JSON `status`
 * and `value` (a 401, a 404, the short list without bulk=1).
 * @typedef {{ kind: 'bulk', bytes: Buffer } | { kind: 'json', status: number, value: unknown, headers?: Record<string, string> }} RapiAnswer
 */

const CLUSTER_PATH = /^\/clusters\/([^/]+)(\/.*)$/;

/** @param {string | undefined} header @returns {Credentials | undefined} */
function basicCredentials(header) {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** @param {RapiBody} body @returns {Buffer} */
function toBytes(body) {
  if (Buffer.isBuffer(body)) return body;
  return typeof body === 'function' ? body() : Buffer.from(JSON.stringify(body));
}

const unauthorized = () => ({
  kind: /** @type {const} */ ('json'), status: 401, value: { code: 401, message: 'Unauthorized', explain: 'No or invalid credentials' },
  headers: { 'WWW-Authenticate': 'Basic realm="Ganeti Remote API"' },
});

/**
 * The answer of a healthy RAPI to one request. Extra clusters are served under
 * `/clusters/<name>`, so one server can stand in for many.
 * @param {{ method?: string, url?: string, headers: { authorization?: string } }} req
 * @param {{ body?: RapiBody, clusters?: Map<string, RapiBody>, username?: string, password?: string }} options
 * @returns {RapiAnswer}
 */
function rapiAnswer(req, { body, clusters = new Map(), username, password }) {
  const url = new URL(req.url ?? '/', 'https://standin');
  const given = basicCredentials(req.headers.authorization);
  if (username !== undefined && (given?.username !== username || given?.password !== password)) return unauthorized();
  const cluster = CLUSTER_PATH.exec(url.pathname);
  const served = cluster ? clusters.get(decodeURIComponent(cluster[1])) : body;
  const route = cluster ? cluster[2] : url.pathname;
  if (req.method !== 'GET' || route !== '/2/instances' || served === undefined) {
    return { kind: 'json', status: 404, value: { code: 404, message: 'Not Found', explain: `No such resource: ${url.pathname}` } };
  }
  const bytes = toBytes(served);
  // Without bulk=1 Ganeti lists only names and URIs.
  if (url.searchParams.get('bulk') !== '1') {
    const list = /** @type {{ name: string }[]} */ (JSON.parse(bytes.toString('utf8')));
    return { kind: 'json', status: 200, value: list.map(({ name }) => ({ id: name, uri: `/2/instances/${name}` })) };
  }
  return { kind: 'bulk', bytes };
}

/** @param {import('node:http').ServerResponse} res @param {Buffer} bytes */
function sendBytes(res, bytes) {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
  res.end(bytes);
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} value @param {Record<string, string>} [headers] */
function sendJson(res, status, value, headers = {}) {
  const bytes = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': bytes.length });
  res.end(bytes);
}

/** @param {import('node:http').ServerResponse} res @param {RapiAnswer} answer */
function send(res, answer) {
  if (answer.kind === 'bulk') sendBytes(res, answer.bytes);
  else sendJson(res, answer.status, answer.value, answer.headers);
}

/**
 * A healthy stand-in on host:port (port 0: any free one) presenting `cert`/`key`.
 * @param {{ cert: string, key: string, host?: string, port?: number, body?: RapiBody, clusters?: Map<string, RapiBody>, username?: string, password?: string }} options
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
async function startRapiStandin({ cert, key, host = '127.0.0.1', port = 0, ...answers }) {
  const sockets = new Set();
  const server = https.createServer({ cert, key }, (req, res) => send(res, rapiAnswer(req, answers)));
  server.on('connection', (s) => (sockets.add(s), s.once('close', () => sockets.delete(s))));
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, () => resolve(undefined)));
  const bound = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  return {
    url: `https://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    port: bound,
    close: () => new Promise((resolve) => {
      sockets.forEach((s) => s.destroy());
      server.close(() => resolve(undefined));
    }),
  };
}

/**
 * A server certificate and the CA that signed it, as PEM, for 127.0.0.1 and localhost.
 * @typedef {{ caCert: string, serverCert: string, serverKey: string, serverFingerprint: string }} RapiPki
 */

/** Writes the openssl config the PKI steps use into dir (once per dir). @param {string} dir */
function opensslConfig(dir) {
  const file = path.join(dir, 'openssl.cnf');
  if (!fs.existsSync(file)) fs.writeFileSync(file, OPENSSL_CONFIG);
  return file;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/**
 * A CA and a server certificate it signed, made with the openssl CLI in dir as
 * `<label>-ca.pem`, `<label>-server.pem` and `<label>-server.key`.
 * @param {string} dir @param {string} label @param {{ days?: number, organisation?: string }} [opts] @returns {Promise<RapiPki>}
 */
async function makeRapiPki(dir, label, { days = 2, organisation = 'Tally tests' } = {}) {
  const f = (/** @type {string} */ name) => path.join(dir, `${label}-${name}`);
  const config = opensslConfig(dir);
  await run('openssl', ['req', '-x509', ...EC_KEY, '-config', config, '-extensions', 'ca_ext', '-days', String(days + 1),
    '-subj', `/O=${organisation}/CN=${organisation} RAPI CA (${label})`, '-keyout', f('ca.key'), '-out', f('ca.pem')]);
  await run('openssl', ['req', '-new', ...EC_KEY, '-config', config, '-subj', `/O=${organisation}/CN=localhost`, '-keyout', f('server.key'), '-out', f('server.csr')]);
  await run('openssl', ['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'),
    '-set_serial', `0x${Date.now().toString(16)}${Buffer.from(label).toString('hex').slice(0, 8)}`, '-days', String(days),
    '-extfile', config, '-extensions', 'server_ext', '-out', f('server.pem')]);
  return pkiOf(fs.readFileSync(f('ca.pem'), 'utf8'), f('server.pem'), f('server.key'));
}

/**
 * Self-signed, no CA (what `gnt-cluster init` makes): `caCert` is the certificate itself.
 * @param {string} dir @returns {Promise<RapiPki>}
 */
async function makeSelfSignedRapiPki(dir) {
  const f = (/** @type {string} */ name) => path.join(dir, `self-${name}`);
  await run('openssl', ['req', '-x509', ...EC_KEY, '-config', opensslConfig(dir), '-extensions', 'self_ext',
    '-days', '2', '-subj', '/CN=localhost', '-keyout', f('server.key'), '-out', f('server.pem')]);
  return pkiOf(fs.readFileSync(f('server.pem'), 'utf8'), f('server.pem'), f('server.key'));
}

/** @param {string} caCert @param {string} certFile @param {string} keyFile @returns {RapiPki} */
function pkiOf(caCert, certFile, keyFile) {
  const serverCert = fs.readFileSync(certFile, 'utf8');
  return { caCert, serverCert, serverKey: fs.readFileSync(keyFile, 'utf8'), serverFingerprint: new X509Certificate(serverCert).fingerprint256 };
}

const OPENSSL_CONFIG = `
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
authorityKeyIdentifier = keyid
[self_ext]
subjectAltName = IP:127.0.0.1, DNS:localhost
`;

module.exports = {
  basicCredentials, rapiAnswer, send, sendBytes, sendJson, unauthorized, startRapiStandin, makeRapiPki, makeSelfSignedRapiPki,
};
