import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A server certificate and the CA that signed it, as PEM, for 127.0.0.1 and localhost. */
export interface RapiTestPki {
  caCert: string;
  serverCert: string;
  serverKey: string;
  /** SHA-256 of the server certificate, `AB:CD:…` as `openssl x509 -fingerprint` prints it. */
  serverFingerprint: string;
}

export interface RapiTestCertificates {
  /** What the stand-in presents by default. */
  main: RapiTestPki;
  /** An unrelated CA and server certificate for the same names: the "wrong certificate". */
  other: RapiTestPki;
  /** Self-signed, no CA (what `gnt-cluster init` makes); `caCert` is the certificate itself. */
  selfSigned: RapiTestPki;
}

let generated: Promise<RapiTestCertificates> | undefined;

/**
 * Generated with the openssl CLI once per test file (Jest gives each its own module registry)
 * and shared by every stand-in in it; the temp dir openssl writes to is removed at once.
 */
export function rapiTestCertificates(): Promise<RapiTestCertificates> {
  generated ??= generate();
  return generated;
}

async function generate(): Promise<RapiTestCertificates> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-rapi-pki-'));
  try {
    writeFileSync(path.join(dir, 'openssl.cnf'), OPENSSL_CONFIG);
    const [main, other, selfSigned] = await Promise.all([makePki(dir, 'main'), makePki(dir, 'other'), makeSelfSigned(dir)]);
    return { main, other, selfSigned };
  } finally {
    // Everything is held as PEM strings from here on; Jest's sandboxed `process` never sees 'exit'.
    rmSync(dir, { recursive: true, force: true });
  }
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function makePki(dir: string, label: string): Promise<RapiTestPki> {
  const f = (name: string) => path.join(dir, `${label}-${name}`);
  const config = path.join(dir, 'openssl.cnf');
  const ec = EC_KEY;
  await run('openssl', ['req', '-x509', ...ec, '-config', config, '-extensions', 'ca_ext', '-days', '3',
    '-subj', `/O=Tally tests/CN=Tally test RAPI CA (${label})`, '-keyout', f('ca.key'), '-out', f('ca.pem')]);
  await run('openssl', ['req', '-new', ...ec, '-config', config,
    '-subj', `/O=Tally tests/CN=localhost`, '-keyout', f('server.key'), '-out', f('server.csr')]);
  await run('openssl', ['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'),
    '-set_serial', `0x${Date.now().toString(16)}${label === 'main' ? '01' : '02'}`, '-days', '2',
    '-extfile', config, '-extensions', 'server_ext', '-out', f('server.pem')]);
  return pki(readFileSync(f('ca.pem'), 'utf8'), f('server.pem'), f('server.key'));
}

async function makeSelfSigned(dir: string): Promise<RapiTestPki> {
  const f = (name: string) => path.join(dir, `self-${name}`);
  await run('openssl', ['req', '-x509', ...EC_KEY, '-config', path.join(dir, 'openssl.cnf'), '-extensions', 'self_ext',
    '-days', '2', '-subj', '/CN=localhost', '-keyout', f('server.key'), '-out', f('server.pem')]);
  const cert = readFileSync(f('server.pem'), 'utf8');
  return pki(cert, f('server.pem'), f('server.key'));
}

function pki(caCert: string, certFile: string, keyFile: string): RapiTestPki {
  const serverCert = readFileSync(certFile, 'utf8');
  return {
    caCert,
    serverCert,
    serverKey: readFileSync(keyFile, 'utf8'),
    serverFingerprint: new X509Certificate(serverCert).fingerprint256,
  };
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
