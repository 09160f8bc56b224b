import { END_MARKER, ERROR_MARKER, NONE_MARKER, SECTION_MARKER } from './ssh-command';
import { PollParseError } from './poll-parse.error';
import { clip } from './parsers/values';

/** A section as printed: its lines, or why it has none (failed on the host, or absent there). */
export type Section = { state: 'ok'; lines: string[] } | { state: 'failed' | 'absent'; reason: string };

export interface SplitOutput {
  sections: Map<string, Section>;
  /** False when the end marker never came: the output was cut off. */
  ended: boolean;
}

const NAME = /^[a-z][a-z_]{0,31}$/;

/**
 * Cuts the output into sections by name, in any order. Only output with no section at all
 * is an error for the whole poll; everything else costs just the sections it touches: a
 * section printed twice, or the one open when the output stops, is not trusted.
 */
export function splitSections(output: string): SplitOutput {
  const sections = new Map<string, Section>();
  let current: { name: string; lines: string[] } | undefined;
  let ended = false;
  const opened = new Set<string>();
  const close = () => {
    if (current && sections.get(current.name) === undefined) sections.set(current.name, { state: 'ok', lines: current.lines });
  };
  for (const raw of output.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith(SECTION_MARKER)) {
      close();
      const name = line.slice(SECTION_MARKER.length).trim();
      current = undefined;
      if (!NAME.test(name)) continue;
      if (opened.has(name)) {
        sections.set(name, { state: 'failed', reason: 'section printed twice' });
        continue;
      }
      opened.add(name);
      current = { name, lines: [] };
    } else if (line.trim() === END_MARKER) {
      ended = true;
      break;
    } else if (current) {
      if (line.startsWith(ERROR_MARKER)) {
        sections.set(current.name, { state: 'failed', reason: `command failed: ${clip(line.slice(ERROR_MARKER.length))}` });
        current = undefined;
      } else if (line.startsWith(NONE_MARKER)) {
        sections.set(current.name, { state: 'absent', reason: clip(line.slice(NONE_MARKER.length), 120) });
        current = undefined;
      } else if (line.trim() !== '') {
        current.lines.push(line);
      }
    }
    // Lines before the first marker are login noise (motd, a chatty shell rc): ignored.
  }
  if (!ended && current) {
    sections.set(current.name, { state: 'failed', reason: 'output truncated in this section' });
    current = undefined;
  }
  close();
  if (sections.size === 0) {
    throw new PollParseError('output', `no "@@tally" sections found (output starts with "${clip(output)}")`);
  }
  return { sections, ended };
}
