import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { makeRapiPki, makeSelfSignedRapiPki, RapiPki } from '../../scripts/lib/rapi-standin';

/** A server certificate and the CA that signed it, as PEM, for 127.0.0.1 and localhost. */
export type RapiTestPki = RapiPki;

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
 * Generated with the openssl CLI once per test file (Jest gives each its own module registry),
 * by the steps the demo's stand-in uses (scripts/lib/rapi-standin.js), and shared by every
 * stand-in in it; the temp dir openssl writes to is removed at once.
 */
export function rapiTestCertificates(): Promise<RapiTestCertificates> {
  generated ??= generate();
  return generated;
}

async function generate(): Promise<RapiTestCertificates> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-rapi-pki-'));
  try {
    const [main, other, selfSigned] = await Promise.all([makeRapiPki(dir, 'main'), makeRapiPki(dir, 'other'), makeSelfSignedRapiPki(dir)]);
    return { main, other, selfSigned };
  } finally {
    // Everything is held as PEM strings from here on; Jest's sandboxed `process` never sees 'exit'.
    rmSync(dir, { recursive: true, force: true });
  }
}
