import fc from 'fast-check';
import { generateApiKey, isApiKeyShaped } from './api-key-token';

describe('isApiKeyShaped', () => {
  it('accepts every key generateApiKey makes', () => {
    for (let i = 0; i < 200; i++) expect(isApiKeyShaped(generateApiKey())).toBe(true);
  });

  it('refuses a wrong prefix, length or alphabet', () => {
    const key = generateApiKey();
    for (const bad of [key.slice(1), `Tally_${key.slice(6)}`, key.slice(0, -1), `${key}A`, `${key.slice(0, -1)}=`, `${key.slice(0, -1)}+`, `${key.slice(0, -1)}é`, 'tally_wrong', '']) {
      expect([bad, isApiKeyShaped(bad)]).toEqual([bad, false]);
    }
  });

  it('refuses any string of another length', () => {
    fc.assert(fc.property(fc.string({ maxLength: 120 }).filter((s) => s.length !== 49), (s) => !isApiKeyShaped(s)));
  });
});
