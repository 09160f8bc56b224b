import { checkTarget, isPrivateAddress, parseTargetUrl } from './target-address';

describe('webhook target addresses', () => {
  it.each([
    '127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.100.100.200', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00:ec2::254', 'fc00::5', '::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::a00:1', 'not-an-ip',
  ])('refuses %s', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e'])('allows %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('names url for a bad form', () => {
    for (const url of ['ftp://example.net/', 'not a url', 'https://user:pw@example.net/', '/relative']) {
      expect(() => parseTargetUrl(url)).toThrow(/^url: /);
    }
  });

  it('refuses address literals and loopback names unless private targets are allowed', async () => {
    for (const url of ['http://127.0.0.1:8080/x', 'http://[::1]/', 'https://169.254.169.254/latest/meta-data', 'http://[::ffff:10.0.0.1]/', 'http://localhost:9/']) {
      await expect(checkTarget(url, false)).rejects.toThrow(/^url: .*(private|loopback)/);
      await expect(checkTarget(url, true)).resolves.toBeInstanceOf(URL);
    }
  });
});
