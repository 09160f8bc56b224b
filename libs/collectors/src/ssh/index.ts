export { hostKeyFingerprint, sameFingerprint } from './host-key-fingerprint';
export { PollParseError } from './poll-parse.error';
export { loadPrivateKey, parsePrivateKey } from './private-key.cache';
export { SSH_POLL_COMMAND, SSH_SECTIONS } from './ssh-command';
export { parseSshOutput, SSH_MEASUREMENT_KEYS } from './ssh-output.parser';
export type { SshMeasurementKey, SshPollValues } from './ssh-output.parser';
export { pollHost } from './ssh-poller';
export type { SshPollFailure, SshPollOptions, SshPollResult, SshPollStage, SshPollSuccess, SshTarget } from './ssh-poller';
