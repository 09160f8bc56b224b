import { ApiKeyEntity } from './api-key.entity';
import { ClientEntity } from './client.entity';
import { ClusterEntity } from './cluster.entity';
import { CollectionRunEntity, CollectionRunOutcomeEntity } from './collection-run.entity';
import { CorrectionChangeEntity, CorrectionEntity, CorrectionSeriesEntity } from './correction.entity';
import { CredentialEntity } from './credential.entity';
import { EventCommitEntity, EventCursorEntity, EventEntity } from './event.entity';
import { MeasurementEntity } from './measurement.entity';
import { ProjectEntity } from './project.entity';
import { ResourceMeasurementEntity } from './resource-measurement.entity';
import { ResourceEntity } from './resource.entity';
import { SampleEntity } from './sample.entity';
import { RateCardEntity } from './rate-card.entity';
import { RateCardPriceEntity } from './rate-card-price.entity';
import { ClientRateCardEntity } from './client-rate-card.entity';

export * from './api-key.entity';
export * from './client.entity';
export * from './cluster.entity';
export * from './collection-run.entity';
export * from './correction.entity';
export * from './credential.entity';
export * from './event.entity';
export * from './measurement.entity';
export * from './project.entity';
export * from './resource-measurement.entity';
export * from './resource.entity';
export * from './sample.entity';
export * from './rate-card.entity';
export * from './rate-card-price.entity';
export * from './client-rate-card.entity';

/** Listed explicitly so the app, the TypeORM CLI and the schema test see the same set. */
export const ENTITIES = [
  ClientEntity,
  ProjectEntity,
  CredentialEntity,
  ClusterEntity,
  ResourceEntity,
  MeasurementEntity,
  ResourceMeasurementEntity,
  SampleEntity,
  ApiKeyEntity,
  CollectionRunEntity,
  CollectionRunOutcomeEntity,
  RateCardEntity,
  RateCardPriceEntity,
  ClientRateCardEntity,
  EventEntity,
  EventCommitEntity,
  EventCursorEntity,
  CorrectionEntity,
  CorrectionSeriesEntity,
  CorrectionChangeEntity,
];
