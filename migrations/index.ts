import { InitialSchema1795460000000 } from './1795460000000-InitialSchema';
import { RunOutcomesTable1795470000000 } from './1795470000000-RunOutcomesTable';
import { CoveringSamplesKey1795480000000 } from './1795480000000-CoveringSamplesKey';
import { OutcomesWithoutRunKey1795490000000 } from './1795490000000-OutcomesWithoutRunKey';
import { ResourceMeasurementIds1795500000000 } from './1795500000000-ResourceMeasurementIds';
import { SampleValueRange1795520000000 } from './1795520000000-SampleValueRange';
import { Corrections1795521000000 } from './1795521000000-Corrections';
import { MeasurementDisplayUnits1795560000000 } from './1795560000000-MeasurementDisplayUnits';
import { RateCards1795560001000 } from './1795560001000-RateCards';
import { EventLog1795570000000 } from './1795570000000-EventLog';
import { ApiKeyExpiryAndRotation1795530000000 } from './1795530000000-ApiKeyExpiryAndRotation';
import { SlotLedger1795800000000 } from './1795800000000-SlotLedger';
import { Webhooks1795820000000 } from './1795820000000-Webhooks';
import { MailOutbox1795820001000 } from './1795820001000-MailOutbox';
import { WebhookDeliveryAttempts1795820002000 } from './1795820002000-WebhookDeliveryAttempts';
import { OutboxRetentionIndexes1795820003000 } from './1795820003000-OutboxRetentionIndexes';
import { ProjectBillingRef1795850000000 } from './1795850000000-ProjectBillingRef';
import { Alerts1795860000000 } from './1795860000000-Alerts';
import { AlertSeriesNotifyCheck1795860001000 } from './1795860001000-AlertSeriesNotifyCheck';
import { OutcomeDurations1795870000000 } from './1795870000000-OutcomeDurations';

/** Every migration, in order. Listed explicitly so compiled and ts-node runs see the same set. */
export const MIGRATIONS = [
  InitialSchema1795460000000,
  RunOutcomesTable1795470000000,
  CoveringSamplesKey1795480000000,
  OutcomesWithoutRunKey1795490000000,
  ResourceMeasurementIds1795500000000,
  SampleValueRange1795520000000,
  Corrections1795521000000,
  MeasurementDisplayUnits1795560000000,
  RateCards1795560001000,
  EventLog1795570000000,
  ApiKeyExpiryAndRotation1795530000000,
  SlotLedger1795800000000,
  Webhooks1795820000000,
  MailOutbox1795820001000,
  WebhookDeliveryAttempts1795820002000,
  OutboxRetentionIndexes1795820003000,
  ProjectBillingRef1795850000000,
  Alerts1795860000000,
  AlertSeriesNotifyCheck1795860001000,
  OutcomeDurations1795870000000,
];
