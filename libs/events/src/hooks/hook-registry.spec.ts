import { activeHooks, FoundHook } from './hook-registry';

const before = (name: string, module: string, events = ['client.created']): FoundHook => ({
  info: { name, module, phase: 'before', events, description: '' },
  instance: { check: () => undefined },
});
const after = (name: string, module: string, events = ['*']): FoundHook => ({
  info: { name, module, phase: 'after', events, description: '' },
  instance: { handle: async () => undefined },
});

describe('activeHooks', () => {
  it('keeps the hooks of the configured modules, by phase', () => {
    const hooks = activeHooks([before('a', 'policy'), after('b', 'webhooks'), after('c', 'email')], ['policy', 'webhooks']);
    expect(hooks.before.map((h) => h.info.name)).toEqual(['a']);
    expect(hooks.after.map((h) => h.info.name)).toEqual(['b']);
  });

  it('refuses a configured module nobody provides, naming the ones that exist', () => {
    expect(() => activeHooks([after('b', 'webhooks')], ['webhook'])).toThrow(/module "webhook", which has no hooks \(known: webhooks\)/);
  });

  it('refuses two hooks with one name, even when neither is on', () => {
    expect(() => activeHooks([after('b', 'x'), after('b', 'y')], [])).toThrow(/"b" is used by 2 hooks/);
  });

  it('refuses a hook listening to no known event', () => {
    expect(() => activeHooks([after('b', 'x', ['host.dwn'])], ['x'])).toThrow(/listens to no known event \(host.dwn\)/);
  });

  it('refuses a hook without the method of its phase', () => {
    const broken: FoundHook = { info: { name: 'z', module: 'x', phase: 'after', events: ['*'], description: '' }, instance: { check: () => undefined } };
    expect(() => activeHooks([broken], ['x'])).toThrow(/after-hook without a handle\(\) method/);
  });
});
