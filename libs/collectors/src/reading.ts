/**
 * What a source read beyond its per-host values, in the shapes every source shares (SSH now;
 * exporters later), so the storage step has one type to write per concept.
 */

/** One value of one device: a mount point, disk, interface, GPU, sensor, tracked file, check. */
export interface DeviceValue {
  measurement: string;
  device: string;
  value: number;
}

/**
 * Why a measurement (or a fact such as `file.sha256`) has no value: unsupported on the
 * platform, absent on this host (no GPU, no sensors), or its output was unreadable. Never
 * replaced by a zero.
 */
export interface Unavailable {
  key: string;
  /** Set when only this device lacks the value. */
  device?: string;
  reason: string;
}

/**
 * What a poll read that storage does not take yet: per-host values of measurements not in
 * the catalog table, per-device values, facts for events (a module set, file hashes), and a
 * reason per missing value. Carried on the reading for the step that stores devices.
 */
export interface ReadingDetail {
  platform: string;
  values: Record<string, number>;
  devices: DeviceValue[];
  unavailable: Unavailable[];
  facts: {
    kernelModules?: { names: string[]; digest: string };
    files?: { path: string; size: number; mtime: number; sha256: string | null }[];
  };
}
