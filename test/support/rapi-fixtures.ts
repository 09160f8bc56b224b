import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Real Ganeti RAPI answers, kept in the repository (test/fixtures/ganeti, with their
 * provenance and licences in its README) so a plain clone runs every test and benchmark.
 */
export const GANETI_FIXTURES_DIR = path.resolve(__dirname, '../fixtures/ganeti');

export const RAPI_FIXTURES = {
  /** htools test data: 11 instances, `maxmem` but no `memory`, 10 of them ADMIN_down. */
  htoolsInstances: 'ganeti-htools-rapi/instances.json',
  /** The same htools data set's other answers: `/2/nodes?bulk=1`, `/2/groups?bulk=1`, `/2/info`. */
  htoolsNodes: 'ganeti-htools-rapi/nodes.json',
  htoolsGroups: 'ganeti-htools-rapi/groups.json',
  htoolsInfo: 'ganeti-htools-rapi/info.json',
  /** One real OSL instance (Ganeti 2.9/2.10 era) with `beparams.memory` and a gwm tag. */
  oslInstanceSample: 'osuosl-iam/osl-instances-bulk-sample.json',
  /** IAM's own cache format (not RAPI): 148 real instance sizes, for generated load. */
  iamNodeCache: 'osuosl-iam/iam-node-cache-2017-04-26.json',
} as const;
export type RapiFixture = keyof typeof RAPI_FIXTURES;

export function rapiFixturePath(fixture: RapiFixture): string {
  return path.join(GANETI_FIXTURES_DIR, RAPI_FIXTURES[fixture]);
}

/** The fixture's bytes exactly as stored, for serving over the stand-in. */
export function readRapiFixtureBytes(fixture: RapiFixture): Buffer {
  return readFileSync(rapiFixturePath(fixture));
}

export function readRapiFixture<T = unknown>(fixture: RapiFixture): T {
  return JSON.parse(readRapiFixtureBytes(fixture).toString('utf8')) as T;
}
