import { readRapiFixture } from '../../../../test/support/rapi-fixtures';
import { GANETI_MEASUREMENT_KEYS, ganetiMeasurements, parseRapiInstances } from './rapi-instances.parser';
import { RapiShapeError } from './rapi-shape.error';

type Raw = Record<string, any>;
const htools = readRapiFixture<Raw[]>('htoolsInstances');
const osl = readRapiFixture<Raw[]>('oslInstanceSample');
const clone = <T>(v: T): T => structuredClone(v);

/** A Ganeti 2.1–2.4 answer: boolean admin_state, `"-"` while stopped, only `memory`. */
function oldShape(over: Raw = {}): Raw {
  const i = clone(osl[0]);
  i.admin_state = true;
  i.oper_state = false;
  i.oper_ram = '-';
  i.oper_vcpus = '-';
  i.status = 'ERROR_down';
  i.beparams = { auto_balance: true, memory: 512, vcpus: 1 };
  delete i.admin_state_source;
  return { ...i, ...over };
}

describe('parseRapiInstances: fixtures', () => {
  it('reads all 11 htools instances, taking memory from maxmem (no memory key there)', () => {
    expect(htools.every((i) => !('memory' in i.beparams))).toBe(true);
    const { instances, problems } = parseRapiInstances(htools);
    expect(problems).toEqual([]);
    expect(instances).toHaveLength(11);
    expect(instances.find((i) => i.name === 'instance18')?.memoryMiB).toBe(8192);
    expect(instances.filter((i) => i.status === 'running').map((i) => i.name)).toEqual(['instance2']);
    expect(instances.filter((i) => i.adminUp === false)).toHaveLength(10);
    expect(instances.find((i) => i.name === 'instance4')).toEqual({
      name: 'instance4', status: 'ADMIN_down', adminUp: false, vcpus: 1, memoryMiB: 128, diskMiB: 2048,
      diskTemplate: 'drbd', primaryNode: 'node4', tags: ['service-group:dns'],
    });
  });

  it('sums disk.sizes and agrees with disk_usage (drbd adds 128 MiB metadata per disk)', () => {
    const { instances } = parseRapiInstances(htools);
    expect(instances.find((i) => i.name === 'instance3')?.diskMiB).toBe(256 + 128);
    for (const raw of htools) {
      const parsed = instances.find((i) => i.name === raw.name)!;
      const metadata = raw.disk_template === 'drbd' ? 128 * raw['disk.sizes'].length : 0;
      expect(parsed.diskMiB + metadata).toBe(raw.disk_usage);
    }
    expect(instances.reduce((sum, i) => sum + i.diskMiB, 0)).toBe(4480);
  });

  it('reads the real OSL record, which carries beparams.memory', () => {
    const { instances, problems } = parseRapiInstances(osl);
    expect(problems).toEqual([]);
    expect(instances).toEqual([{
      name: 'alembic-java.osuosl.org', status: 'running', adminUp: true, vcpus: 2, memoryMiB: 1024,
      diskMiB: 10240, diskTemplate: 'drbd', primaryNode: 'gprod6.osuosl.bak', tags: ['gwm:owner:27'],
    }]);
    expect(ganetiMeasurements(instances[0])).toEqual({
      'ganeti.vcpus': 2, 'ganeti.memory': 1024, 'ganeti.disk': 10240, 'ganeti.running': 1,
    });
  });

  it('accepts the old shape: boolean admin_state, "-" for oper_ram, memory without maxmem', () => {
    const { instances, problems } = parseRapiInstances([oldShape()]);
    expect(problems).toEqual([]);
    expect(instances[0]).toMatchObject({ adminUp: true, status: 'ERROR_down', vcpus: 1, memoryMiB: 512 });
    expect(ganetiMeasurements(instances[0])['ganeti.running']).toBe(0);
    expect(parseRapiInstances([oldShape({ admin_state: false })]).instances[0].adminUp).toBe(false);
  });
});

describe('parseRapiInstances: the other fixture files are not instance lists', () => {
  it('throws on /2/info and on the IAM cache (objects, not arrays)', () => {
    expect(() => parseRapiInstances(readRapiFixture('htoolsInfo'))).toThrow(RapiShapeError);
    expect(() => parseRapiInstances(readRapiFixture('iamNodeCache'))).toThrow(/got an object/);
  });

  it.each([['htoolsNodes', 4], ['htoolsGroups', 1]] as const)('keeps nothing from %s, naming each entry', (fixture, n) => {
    const { instances, problems } = parseRapiInstances(readRapiFixture(fixture));
    expect(instances).toEqual([]);
    expect(problems).toHaveLength(n);
    expect(problems.every((p) => p.name && /"status"|"beparams"/.test(p.reason))).toBe(true);
  });
});

describe('parseRapiInstances: values', () => {
  const base = (): Raw => clone(htools[0]);

  it('prefers maxmem over memory when both are present', () => {
    const i = base();
    i.beparams.memory = 64;
    expect(parseRapiInstances([i]).instances[0].memoryMiB).toBe(128);
  });

  it('gives a diskless instance a real 0 and a stopped one running = 0', () => {
    const i = { ...base(), 'disk.sizes': [], status: 'ADMIN_down' };
    expect(ganetiMeasurements(parseRapiInstances([i]).instances[0])).toEqual({
      'ganeti.vcpus': 1, 'ganeti.memory': 128, 'ganeti.disk': 0, 'ganeti.running': 0,
    });
  });

  it('yields exactly the four ganeti.* keys', () => {
    const m = ganetiMeasurements(parseRapiInstances(htools).instances[0]);
    expect(Object.keys(m).sort()).toEqual([...GANETI_MEASUREMENT_KEYS].sort());
  });

  it('maps admin_state strings and leaves an absent one null', () => {
    const states = ['up', 'down', 'offline', undefined].map((s, n) => ({ ...base(), name: `vm${n}`, admin_state: s }));
    expect(parseRapiInstances(states).instances.map((i) => i.adminUp)).toEqual([true, false, false, null]);
  });
});

describe('parseRapiInstances: a bad instance is a problem, never a zero', () => {
  const cases: Array<[string, (i: Raw) => void, RegExp]> = [
    ['missing vcpus', (i) => delete i.beparams.vcpus, /beparams\.vcpus.*missing/],
    ['no maxmem and no memory', (i) => delete i.beparams.maxmem, /neither "maxmem" nor "memory"/],
    ['memory as a string', (i) => (i.beparams.maxmem = '128'), /beparams\.maxmem.*not a positive integer/],
    ['zero vcpus', (i) => (i.beparams.vcpus = 0), /beparams\.vcpus/],
    ['a fractional disk', (i) => (i['disk.sizes'] = [128, 1.5]), /disk\.sizes\[1\]/],
    ['a negative disk', (i) => (i['disk.sizes'] = [-1]), /disk\.sizes\[0\]/],
    ['no disk.sizes', (i) => delete i['disk.sizes'], /"disk\.sizes" is missing/],
    ['no status', (i) => delete i.status, /"status"/],
    ['no beparams', (i) => delete i.beparams, /"beparams"/],
    ['a numeric admin_state', (i) => (i.admin_state = 1), /admin_state/],
    ['an odd oper_ram', (i) => (i.oper_ram = 'lots'), /oper_ram/],
  ];

  it.each(cases)('%s', (_label, breakIt, reason) => {
    const bad = clone(htools[0]);
    breakIt(bad);
    const { instances, problems } = parseRapiInstances([bad, ...htools.slice(1)]);
    expect(instances.map((i) => i.name)).not.toContain('instance2');
    expect(instances).toHaveLength(10);
    expect(problems).toEqual([{ name: 'instance2', index: 0, reason: expect.stringMatching(reason) }]);
  });

  it('reports entries without a usable name by index', () => {
    const { instances, problems } = parseRapiInstances([htools[0], null, { ...htools[1], name: '' }, 'x']);
    expect(instances).toHaveLength(1);
    expect(problems.map((p) => [p.index, p.name])).toEqual([[1, undefined], [2, undefined], [3, undefined]]);
    expect(problems[0].reason).toMatch(/null, not an object/);
    expect(problems[1].reason).toMatch(/"name"/);
  });

  it('keeps the first of two records with the same name', () => {
    const second = { ...clone(htools[1]), name: 'instance2' };
    const { instances, problems } = parseRapiInstances([htools[0], second]);
    expect(instances).toHaveLength(1);
    expect(instances[0].diskMiB).toBe(128);
    expect(problems).toEqual([{ name: 'instance2', index: 1, reason: 'duplicate instance name' }]);
  });
});

describe('parseRapiInstances: the top level', () => {
  it('accepts an empty cluster', () => {
    expect(parseRapiInstances([])).toEqual({ instances: [], problems: [] });
  });

  it.each([
    ['an object', { instances: [] }, /got an object/],
    ['a Ganeti error', { code: 500, message: 'Job queue drained' }, /error object: Job queue drained/],
    ['null', null, /got null/],
    ['a string', '<html>', /got a string/],
    ['the non-bulk listing', [{ id: 'instance2', uri: '/2/instances/instance2' }], /non-bulk/],
    ['numbers', [1, 2, 3], /none of the 3 entries/],
  ])('throws RapiShapeError for %s', (_label, json, reason) => {
    expect(() => parseRapiInstances(json)).toThrow(RapiShapeError);
    expect(() => parseRapiInstances(json)).toThrow(reason);
  });
});
