import { NON_LOCAL_FS_TYPES, SSH_POLL_COMMAND, SSH_SECTIONS } from './ssh-command';

describe('SSH_POLL_COMMAND', () => {
  const script = SSH_POLL_COMMAND.slice("/bin/sh -c '".length, -1);

  it('is one single-quoted sh script that no login shell can split or expand', () => {
    expect(SSH_POLL_COMMAND.startsWith("/bin/sh -c '")).toBe(true);
    expect(SSH_POLL_COMMAND.endsWith("'")).toBe(true);
    expect(script).not.toMatch(/['!\n]/);
  });

  it('prints every section the parser expects, in order, then the end marker', () => {
    const positions = SSH_SECTIONS.map((s) => script.indexOf(`s ${s} `));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(script.trimEnd().endsWith('printf "@@tally-end\\n"')).toBe(true);
  });

  it('asks df for bytes, POSIX format, types, local filesystems only', () => {
    expect(script).toMatch(/df -B1 -P -T -l /);
    for (const t of NON_LOCAL_FS_TYPES) expect(script).toContain(`-x ${t} `.trimEnd());
  });
});
