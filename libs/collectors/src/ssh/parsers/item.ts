import { SshMeasurementKey } from '../ssh-measurements';
import { SshPollSpec } from '../ssh-poll-spec';
import { Out } from './values';

/**
 * One thing a poll reads, from the sections it needs: the measurements (and facts such as
 * `boot_id`) it yields, so that a section missing or broken turns into a reason for each.
 */
export interface Item {
  sections: readonly string[];
  keys: readonly SshMeasurementKey[];
  facts?: readonly string[];
  /** Bodies in `sections` order. Throws a PollParseError for output it cannot trust. */
  parse(bodies: string[][], out: Out, spec: SshPollSpec): void;
}

/** Measurements a platform cannot give from sh, with why: reasons, never zeros. */
export interface Unsupported {
  keys: readonly string[];
  reason: string;
}
