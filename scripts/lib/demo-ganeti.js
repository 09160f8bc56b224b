'use strict';
// The Ganeti side of the demo (--ganeti): a RAPI stand-in on a loopback port, serving the
// answer a real cluster gave (test/fixtures/ganeti/ganeti-htools-rapi, with its provenance in
// the README there), behind a certificate of a CA the demo makes once in .tally/demo/ganeti/.
const fs = require('node:fs');
const path = require('node:path');
const { makeRapiPki, startRapiStandin } = require('./rapi-standin');
const { which } = require('./processes');

const FIXTURE = 'test/fixtures/ganeti/ganeti-htools-rapi/instances.json';
/** The cluster as Tally knows it; `.localhost` names nothing on any network. */
const CLUSTER_FQDN = 'demo-cluster.localhost';
const LABEL = 'demo';

/** The demo's CA and server certificate, made with openssl on first use (valid ten years). */
async function demoPki(dir, DemoError) {
  const file = (name) => path.join(dir, `${LABEL}-${name}`);
  if (fs.existsSync(file('server.pem')) && fs.existsSync(file('server.key')) && fs.existsSync(file('ca.pem'))) {
    return { caCert: fs.readFileSync(file('ca.pem'), 'utf8'), serverCert: fs.readFileSync(file('server.pem'), 'utf8'), serverKey: fs.readFileSync(file('server.key'), 'utf8') };
  }
  if (!which('openssl')) throw new DemoError('--ganeti needs the openssl command to make the stand-in\'s certificate: sudo apt install openssl (Debian/Ubuntu), brew install openssl (macOS)');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return makeRapiPki(dir, LABEL, { days: 3650, organisation: 'Tally demo' });
}

/**
 * Starts the stand-in. Returns the cluster fields to register (rapiUrl, tlsMode ca and its CA),
 * the instance names it serves, and close().
 */
async function startGanetiStandin({ root, dir, DemoError }) {
  const bytes = fs.readFileSync(path.join(root, FIXTURE));
  const instances = JSON.parse(bytes.toString('utf8')).map((i) => ({ name: i.name, status: i.status }));
  const pki = await demoPki(dir, DemoError);
  const standin = await startRapiStandin({ cert: pki.serverCert, key: pki.serverKey, body: bytes });
  return {
    fqdn: CLUSTER_FQDN,
    cluster: { rapiUrl: standin.url, tlsMode: 'ca', caCertificate: pki.caCert, active: true },
    instances,
    url: standin.url,
    close: () => standin.close(),
  };
}

module.exports = { startGanetiStandin, CLUSTER_FQDN, FIXTURE };
