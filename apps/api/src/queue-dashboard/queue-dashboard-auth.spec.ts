import { dashboardKey } from './queue-dashboard-auth';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('dashboardKey', () => {
  it('takes the key from the password of basic auth, whatever the user name, or from Bearer', () => {
    expect(dashboardKey(basic('admin:tally_abc'))).toBe('tally_abc');
    expect(dashboardKey(basic(':tally_abc'))).toBe('tally_abc');
    expect(dashboardKey(basic('a:b:tally_abc'))).toBe('b:tally_abc');
    expect(dashboardKey('Bearer tally_abc')).toBe('tally_abc');
  });

  it('finds none in an empty password, a header without a colon, or another scheme', () => {
    expect(dashboardKey(basic('admin:'))).toBeUndefined();
    expect(dashboardKey(basic('tally_abc'))).toBeUndefined();
    expect(dashboardKey('Digest username="x"')).toBeUndefined();
    expect(dashboardKey(undefined)).toBeUndefined();
  });
});
