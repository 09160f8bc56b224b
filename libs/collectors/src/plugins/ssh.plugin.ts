import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { CollectTargetSnapshot } from '@tally/jobs';
import { FailureClass } from '@tally/metrics';
import { CredentialCache, CredentialProblem } from '../credential-cache';
import { ReadingDetail } from '../reading';
import { pollHost, SSH_MEASUREMENT_KEYS, SshMeasurementKey, SshPollOptions, SshReading } from '../ssh';
import { CollectPlugin, PluginReading } from './collect-plugin';

const NODE_UP = 'node.up';

/**
 * `node` resources: one SSH connection, one command. `node.up` is written every slot, 1 or 0,
 * so a down node shows as down rather than as missing data.
 */
@Injectable()
export class SshPlugin implements CollectPlugin {
  readonly name = 'ssh';
  readonly resourceType = 'node';
  readonly measurementKeys = [NODE_UP, ...SSH_MEASUREMENT_KEYS];
  readonly batchSize = 1;
  readonly local = false;
  private readonly options: SshPollOptions;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly credentials: CredentialCache,
  ) {
    this.options = { connectTimeoutMs: config.collection.sshConnectTimeoutMs, commandTimeoutMs: config.collection.sshCommandTimeoutMs };
  }

  batchKey(target: CollectTargetSnapshot): string {
    return target.resourceId;
  }

  collect(targets: readonly CollectTargetSnapshot[]): Promise<PluginReading[]> {
    return Promise.all(targets.map((t) => this.poll(t)));
  }

  private async poll(target: CollectTargetSnapshot): Promise<PluginReading> {
    const down = (reason: string, failure: FailureClass): PluginReading => ({ ok: false, reason, failure, values: { [NODE_UP]: 0 } });
    const ssh = target.ssh;
    if (!ssh?.host || !ssh.user) return down('the resource has no SSH host or user', 'config');
    if (!ssh.credentialId) return down('the resource has no SSH credential', 'config');
    let privateKey: string;
    try {
      const credential = await this.credentials.get(ssh.credentialId);
      if (credential.kind !== 'ssh-private-key') return down(`credential ${ssh.credentialId} is a ${credential.kind}, not an SSH private key`, 'credential');
      privateKey = credential.secret;
    } catch (e) {
      if (e instanceof CredentialProblem) return down(e.message, 'credential');
      throw e;
    }
    const result = await pollHost(
      { host: ssh.host, port: ssh.port ?? 22, username: ssh.user, privateKey, expectedHostKeySha256: ssh.hostKeySha256 },
      this.options,
    );
    if (!result.ok) return down(`${result.stage}: ${result.reason}`, result.stage);
    const missing = missingStored(result.reading);
    return {
      ok: true,
      ...(missing ? { reason: missing } : {}),
      values: { [NODE_UP]: 1, ...result.values },
      bootId: result.bootId,
      ...(ssh.hostKeySha256 ? {} : { pinHostKey: result.fingerprint }),
      detail: detailOf(result.reading),
    };
  }
}

const STORED = new Set<string>(SSH_MEASUREMENT_KEYS);

/** The outcome names what billing will miss: stored measurements the poll could not read, with why. */
function missingStored(reading: SshReading): string | undefined {
  const byReason = new Map<string, string[]>();
  for (const u of reading.unavailable) {
    if (!STORED.has(u.key) || u.device !== undefined) continue;
    byReason.set(u.reason, [...(byReason.get(u.reason) ?? []), u.key]);
  }
  if (byReason.size === 0) return undefined;
  return [...byReason].map(([reason, keys]) => `not read: ${keys.join(', ')} (${reason})`).join('; ');
}

function detailOf(reading: SshReading): ReadingDetail {
  const values: Record<string, number> = {};
  for (const [key, value] of Object.entries(reading.host)) if (!STORED.has(key) && value !== undefined) values[key as SshMeasurementKey] = value;
  return {
    platform: reading.platform,
    values,
    devices: reading.devices,
    unavailable: reading.unavailable,
    facts: {
      ...(reading.kernelModules ? { kernelModules: reading.kernelModules } : {}),
      ...(reading.files.length ? { files: reading.files } : {}),
    },
  };
}
