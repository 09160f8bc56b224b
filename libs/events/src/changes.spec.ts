import fc from 'fast-check';
import { diffFields, updateEventName } from './changes';

describe('diffFields', () => {
  it('lists only the fields that changed, before and after', () => {
    expect(diffFields({ name: 'a', billingRef: null, active: true }, { name: 'b', billingRef: null, active: true }))
      .toEqual({ name: { before: 'a', after: 'b' } });
  });

  it('never carries a secret, only that it changed', () => {
    const changes = diffFields({ secret: 'old-key', name: 'x' }, { secret: 'new-key', name: 'x' }, ['secret']);
    expect(changes).toEqual({ secret: { changed: true } });
    expect(JSON.stringify(changes)).not.toMatch(/old-key|new-key/);
  });

  it('reports a field that appears or disappears, as null on the missing side', () => {
    expect(diffFields({ a: 1 } as Record<string, unknown>, { b: 2 })).toEqual({ a: { before: 1, after: null }, b: { before: null, after: 2 } });
  });

  it('is empty exactly when the two views are equal (any JSON values)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()), (a, b) => {
        const same = JSON.stringify(a) === JSON.stringify(b);
        if (same) expect(diffFields(a, b)).toEqual({});
        expect(diffFields(a, a)).toEqual({});
      }),
    );
  });
});

describe('updateEventName', () => {
  it('names deactivation and reactivation, and calls the rest an update', () => {
    expect(updateEventName('client', { active: { before: true, after: false } })).toBe('client.deactivated');
    expect(updateEventName('project', { active: { before: false, after: true } })).toBe('project.reactivated');
    expect(updateEventName('client', { name: { before: 'a', after: 'b' } })).toBe('client.updated');
  });
});
