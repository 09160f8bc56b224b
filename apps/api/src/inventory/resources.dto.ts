import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HOST_KEY_SHA256, HOSTNAME, labelsProblem, MAX_LABELS, RESOURCE_TYPE, ResourceView, resourceView } from '@tally/inventory';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateBy,
} from 'class-validator';
import { BoolQuery } from '../common/bool-query';
import { PageQueryDto } from '../common/pagination.dto';
import { hasControlChars, NoControlChars, OptionalNotNull } from '../common/validation';

const NAME = /^\S(.*\S)?$/;
const TYPE_MSG = 'type must be ganeti-vm, node, or a lower-case push-only kind matching ^[a-z][a-z0-9-]{1,40}$';
const HOST_KEY_MSG = 'hostKeySha256 must be an OpenSSH fingerprint: SHA256: followed by 43 base64 characters';

/** What is wrong with labels: their shape (labelsProblem), or a control character in a key or value. */
function labelsMistake(value: unknown): string | undefined {
  const shape = labelsProblem(value);
  if (shape !== undefined) return shape;
  const bad = Object.entries(value as Record<string, string>).find(([k, v]) => hasControlChars(k) || hasControlChars(v));
  return bad ? `${JSON.stringify(bad[0])} must not contain control characters in its key or value` : undefined;
}

/** labels: at most 50 string→string pairs; the message says which pair is wrong. */
const IsLabels = () =>
  ValidateBy({
    name: 'isLabels',
    validator: {
      validate: (value) => labelsMistake(value) === undefined,
      defaultMessage: (args) => `labels ${labelsMistake(args?.value)}`,
    },
  });

const LABELS_DOC = {
  type: 'object', additionalProperties: { type: 'string' }, example: { rack: 'b4', owner: 'genomics' },
  description: `Free-form string→string tags (at most ${MAX_LABELS})`,
} as const;

class ResourceFieldsDto {
  @ApiPropertyOptional({ type: String, example: 'cluster1.example.org', nullable: true, description: 'ganeti-vm only, required there: the Ganeti cluster FQDN' })
  @IsOptional() @IsString() @Length(1, 253) @Matches(HOSTNAME, { message: 'clusterFqdn must be a valid host name' })
  clusterFqdn?: string | null;

  @ApiPropertyOptional({ type: String, example: 'node7.example.org', nullable: true, description: 'node only, required there: host name or IP address' })
  @IsOptional() @IsString() @Length(1, 253) @NoControlChars()
  sshHost?: string | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 65535, default: 22, nullable: true, description: 'node only' })
  @IsOptional() @IsInt() @Min(1) @Max(65535)
  sshPort?: number | null;

  @ApiPropertyOptional({ type: String, example: 'tally', nullable: true, description: 'node only, required there' })
  @IsOptional() @IsString() @Length(1, 64) @NoControlChars()
  sshUser?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'node only, required there: an ssh-private-key credential' })
  @IsOptional() @IsUUID('all', { message: 'credentialId must be a UUID' })
  credentialId?: string | null;

  @ApiPropertyOptional({
    type: String, nullable: true, example: 'SHA256:uS0h0bVSuZyTMLAaXkVAsGO7Rhd3a0tZbd8TJ64YS+k',
    description: 'node only: the pinned host key. Learnt on first contact; set it, or null it to accept a legitimately changed key.',
  })
  @IsOptional() @IsString() @Matches(HOST_KEY_SHA256, { message: HOST_KEY_MSG })
  hostKeySha256?: string | null;

  @ApiPropertyOptional(LABELS_DOC)
  @OptionalNotNull() @IsLabels()
  labels?: Record<string, string>;

  @ApiPropertyOptional({ type: [String], example: ['cpu.busy', 'memory.used'], description: 'Measurement keys to collect; on create, default: all the type collects' })
  @OptionalNotNull() @IsArray() @ArrayMaxSize(200) @ArrayUnique({ message: 'measurements must not repeat a key' })
  @IsString({ each: true, message: 'measurements must contain only measurement keys' }) @NoControlChars({ each: true })
  measurements?: string[];

  @ApiPropertyOptional({ default: true, description: 'Inactive resources are not collected; their history stays' })
  @OptionalNotNull() @IsBoolean()
  active?: boolean;
}

export class CreateResourceDto extends ResourceFieldsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'projectId must be a UUID' }) projectId: string;

  @ApiProperty({ example: 'web1.example.org', maxLength: 200, description: 'For ganeti-vm, the instance name as the cluster knows it' })
  @IsString() @Length(1, 200) @Matches(NAME, { message: 'name must not start or end with white space' }) @NoControlChars()
  name: string;

  @ApiProperty({ example: 'node', description: 'ganeti-vm and node are collected; any other kind matching ^[a-z][a-z0-9-]{1,40}$ is push-only' })
  @IsString() @Matches(RESOURCE_TYPE, { message: TYPE_MSG })
  type: string;
}

/** Project and type are fixed once created; create a new resource instead. */
export class UpdateResourceDto extends ResourceFieldsDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull() @IsString() @Length(1, 200) @Matches(NAME, { message: 'name must not start or end with white space' }) @NoControlChars()
  name?: string;
}

export class ResourceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'projectId must be a UUID' }) projectId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'clientId must be a UUID' }) clientId?: string;
  @ApiPropertyOptional({ example: 'ganeti-vm' }) @IsOptional() @IsString() @Matches(RESOURCE_TYPE, { message: TYPE_MSG }) type?: string;
  @ApiPropertyOptional({ description: 'Cluster FQDN (ganeti-vm resources)' })
  @IsOptional() @IsString() @Matches(HOSTNAME, { message: 'cluster must be a valid host name' })
  cluster?: string;
  @ApiPropertyOptional() @IsOptional() @BoolQuery() @IsBoolean() active?: boolean;
}

export class ResourceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ format: 'uuid', description: "The project's client" }) clientId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'ganeti-vm' }) type: string;
  @ApiProperty({ nullable: true, type: String }) clusterFqdn: string | null;
  @ApiProperty({ nullable: true, type: String }) sshHost: string | null;
  @ApiProperty({ nullable: true, type: 'integer' }) sshPort: number | null;
  @ApiProperty({ nullable: true, type: String }) sshUser: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) credentialId: string | null;
  @ApiProperty({ nullable: true, type: String }) hostKeySha256: string | null;
  @ApiProperty(LABELS_DOC) labels: Record<string, string>;
  @ApiProperty({ type: [String], description: 'Measurement keys it collects or accepts' }) measurements: string[];
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(v: ResourceView): ResourceDto {
    return resourceView(v);
  }
}
