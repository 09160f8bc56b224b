/**
 * The poll output could not be turned into numbers. The message names the section and
 * what was wrong, because it ends up on the collection run for an operator to read.
 */
export class PollParseError extends Error {
  constructor(
    readonly section: string,
    detail: string,
  ) {
    super(`${section}: ${detail}`);
    this.name = 'PollParseError';
  }
}
