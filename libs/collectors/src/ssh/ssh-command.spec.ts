import {
  BSD_SECTIONS, buildSshPollCommand, DARWIN_SECTIONS, LINUX_SECTIONS, NON_LOCAL_FS_TYPES, SSH_POLL_COMMAND,
} from './ssh-command';

const scriptOf = (command: string) => command.slice("/bin/sh -c '".length, -1);

describe('SSH_POLL_COMMAND', () => {
  const script = scriptOf(SSH_POLL_COMMAND);

  it('is one single-quoted sh script that no login shell can split or expand', () => {
    expect(SSH_POLL_COMMAND.startsWith("/bin/sh -c '")).toBe(true);
    expect(SSH_POLL_COMMAND.endsWith("'")).toBe(true);
    expect(script).not.toMatch(/['!\n]/);
  });

  it('opens every section the parser reads, per platform, then prints the end marker', () => {
    const at = (fn: string) => script.indexOf(`${fn}() {`);
    const branches = { lx: script.slice(at('lx'), at('fb')), fb: script.slice(at('fb'), at('dw')), dw: script.slice(at('dw'), script.indexOf('case $p')) };
    const branch = (fn: keyof typeof branches) => branches[fn];
    // gpu is opened by g(), shared by every branch.
    const opens = (body: string, name: string) => (name === 'gpu' ? /\bg;/ : new RegExp(`\\b(h|s|l|y) ${name}\\b`)).test(body);
    for (const name of LINUX_SECTIONS.filter((s) => s !== 'platform')) expect([name, opens(branch('lx'), name)]).toEqual([name, true]);
    for (const name of BSD_SECTIONS.filter((s) => s !== 'platform')) expect([name, opens(branch('fb'), name)]).toEqual([name, true]);
    for (const name of DARWIN_SECTIONS.filter((s) => s !== 'platform')) expect([name, opens(branch('dw'), name)]).toEqual([name, true]);
    expect(script.trimEnd().endsWith('printf "@@tally-end\\n"')).toBe(true);
  });

  it('asks df for bytes, POSIX format, types, local filesystems only', () => {
    expect(script).toMatch(/df -B1 -P -T -l /);
    for (const t of NON_LOCAL_FS_TYPES) expect(script).toContain(`-x ${t} `.trimEnd());
  });
});

describe('buildSshPollCommand', () => {
  const hostile = "/tmp/x'; rm -rf / #$(id)`id`\\!%s\u20ac";

  it('embeds configured paths and patterns as octal escapes only', () => {
    const command = buildSshPollCommand({ files: [hostile], processChecks: [{ label: 'x', commandLine: "a'b!$(c)" }] });
    const script = scriptOf(command);
    expect(script).not.toMatch(/['!\n]/);
    expect(script).not.toContain('rm -rf');
    expect(script).not.toContain('$(c)');
  });

  it('refuses a spec the API should have refused', () => {
    expect(() => buildSshPollCommand({ files: ['relative/path'], processChecks: [] })).toThrow(/files\[0\] must be an absolute path/);
    expect(() => buildSshPollCommand({ files: [], processChecks: [{ label: 'empty' }] })).toThrow(/needs at least one of process, user, commandLine/);
  });
});
