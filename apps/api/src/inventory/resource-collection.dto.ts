import { ApiProperty } from '@nestjs/swagger';
import { CollectionStatus } from '@tally/collectors';
import { ClusterDto } from './clusters.dto';
import { ResourceDto } from './resources.dto';

export class ResourceCollectionDto {
  @ApiProperty({
    enum: ['ok', 'failing', 'backing_off'],
    description: 'ok: its latest poll answered (or it has not failed yet); failing: its latest polls failed, still polled every slot; '
      + 'backing_off: failed TALLY_BACKOFF_AFTER_FAILURES slots in a row or more, so scheduled slots before nextPollSlot are skipped '
      + '(recorded as outcomes with the reason). A POST /collections naming it always polls it.',
  })
  state: CollectionStatus['state'];

  @ApiProperty({ type: 'integer', description: 'Polled slots in a row that failed' }) failures: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'The first failed slot of the current run of failures' })
  failingSince: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'While backing off: the next slot it is polled at' })
  nextPollSlot: string | null;
}

export class ResourceDetailDto extends ResourceDto {
  @ApiProperty({ type: ResourceCollectionDto, nullable: true, description: 'How its collection goes; null for push-only and Ganeti VM resources (read from the cluster cache)' })
  collection: ResourceCollectionDto | null;
}

export class ClusterDetailDto extends ClusterDto {
  @ApiProperty({ type: ResourceCollectionDto, nullable: true, description: 'How its scheduled pre-cache fetches go: a cluster failing them backs off as a node does; null while that is unknown' })
  collection: ResourceCollectionDto | null;
}
