import { conversion, usageUnitOf } from '@tally/money';
import { BUILTIN_MEASUREMENTS } from './builtin-measurements';
import { checkDisplay, displayOf } from './display';

describe('display units', () => {
  it.each(BUILTIN_MEASUREMENTS.map((m) => [m.key, m]))('%s shows in a unit its usage converts to', (_, m) => {
    expect(conversion(usageUnitOf(m.kind, m.unit), m.display.unit)).toBeDefined();
  });

  it('reads a stored null as the usage unit', () => {
    expect(displayOf({ kind: 'gauge', unit: 'widget', displayUnit: null, displayPlaces: 3 })).toEqual({ unit: 'widget·h', places: 3 });
    expect(displayOf({ kind: 'counter', unit: 'byte', displayUnit: 'GiB', displayPlaces: 2 })).toEqual({ unit: 'GiB', places: 2 });
  });

  it('accepts units the usage converts to, stores the usage unit itself as null, and names the field otherwise', () => {
    expect(checkDisplay({ kind: 'gauge', unit: 'byte' }, { displayUnit: 'GiB*month' })).toEqual({ unit: 'GiB·month' });
    expect(checkDisplay({ kind: 'gauge', unit: 'byte' }, { displayUnit: 'byte·h' })).toEqual({ unit: null });
    expect(checkDisplay({ kind: 'gauge', unit: 'byte' }, { displayUnit: 'GiB' }).problem).toMatch(/^displayUnit: "GiB" is not a unit "byte·h" converts to; use one of /);
    expect(checkDisplay({ kind: 'gauge', unit: 'byte' }, { displayPlaces: 13 }).problem).toBe('displayPlaces must be an integer from 0 to 12');
    expect(checkDisplay({ kind: 'gauge', unit: 'byte' }, {})).toEqual({});
  });
});
