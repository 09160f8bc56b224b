import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ApiKeyEntity, ClientEntity, ProjectEntity, Role, ROLES, Scope, SCOPES } from '@tally/database';
import { ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { apiKeyView, clientView, projectView } from '@tally/tenancy';
import { BoolQuery } from '../common/bool-query';
import { PageQueryDto } from '../common/pagination.dto';
import { NoControlChars, OptionalNotNull } from '../common/validation';

const NAME = /^\S(.*\S)?$/;
const NAME_MSG = 'must not start or end with white space';

export class CreateClientDto {
  @ApiProperty({ example: 'Acme Research Lab', maxLength: 200 })
  @IsString() @Length(1, 200) @Matches(NAME, { message: `name ${NAME_MSG}` }) @NoControlChars()
  name: string;

  @ApiPropertyOptional({ type: String, example: 'CUST-0042', description: "The provider's own customer reference; null clears it", nullable: true, maxLength: 100 })
  @IsOptional() @IsString() @Length(1, 100) @NoControlChars()
  billingRef?: string | null;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull() @IsBoolean()
  active?: boolean;
}
/** Every field may be left out; only billingRef may be null (to clear it). */
export class UpdateClientDto extends PartialType(CreateClientDto, { skipNullProperties: false }) {}

export class ClientQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @BoolQuery() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ description: 'Part of the name, case-insensitive' }) @IsOptional() @IsString() @Length(1, 200) @NoControlChars() name?: string;
}

export class ClientDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) billingRef: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(c: ClientEntity): ClientDto {
    return clientView(c);
  }
}

export class CreateProjectDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'clientId must be a UUID' }) clientId: string;
  @ApiProperty({ example: 'genomics-pipeline', maxLength: 200 })
  @IsString() @Length(1, 200) @Matches(NAME, { message: `name ${NAME_MSG}` }) @NoControlChars()
  name: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, description: 'Free text; null clears it' })
  @IsOptional() @IsString() @Length(0, 2000) @NoControlChars()
  description?: string | null;
  @ApiPropertyOptional({ type: String, example: 'PO-2026-117', nullable: true, maxLength: 100, description: "The project's reference in the invoicing system (shown on reports); null clears it" })
  @IsOptional() @IsString() @Length(1, 100) @NoControlChars()
  billingRef?: string | null;
  @ApiPropertyOptional({ default: true }) @OptionalNotNull() @IsBoolean() active?: boolean;
}
export class UpdateProjectDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull() @IsString() @Length(1, 200) @Matches(NAME, { message: `name ${NAME_MSG}` }) @NoControlChars()
  name?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, description: 'Free text; null clears it' })
  @IsOptional() @IsString() @Length(0, 2000) @NoControlChars()
  description?: string | null;
  @ApiPropertyOptional({ type: String, example: 'PO-2026-117', nullable: true, maxLength: 100, description: "The project's reference in the invoicing system (shown on reports); null clears it" })
  @IsOptional() @IsString() @Length(1, 100) @NoControlChars()
  billingRef?: string | null;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() active?: boolean;
}

export class ProjectQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'clientId must be a UUID' }) clientId?: string;
  @ApiPropertyOptional() @IsOptional() @BoolQuery() @IsBoolean() active?: boolean;
}

export class ProjectDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: String }) billingRef: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(p: ProjectEntity): ProjectDto {
    return projectView(p);
  }
}

const EXPIRES_MSG = 'expiresAt must be an ISO 8601 timestamp with an offset, such as 2027-01-01T00:00:00Z';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'invoicing export', maxLength: 200 }) @IsString() @Length(1, 200) @NoControlChars() name: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES as unknown as string[], { message: `role must be one of ${ROLES.join(', ')}` }) role: Role;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Required for role client; absent or null for the others' })
  @IsOptional() @IsUUID('all', { message: 'clientId must be a UUID' })
  clientId?: string | null;
  @ApiPropertyOptional({ enum: SCOPES, isArray: true, description: 'Extra rights for a client key: samples:write lets it push samples for its own resources' })
  @OptionalNotNull() @IsArray() @ArrayUnique() @IsIn(SCOPES as unknown as string[], { each: true, message: `scopes must contain only ${SCOPES.join(', ')}` })
  scopes?: Scope[];
  @ApiPropertyOptional({ format: 'date-time', example: '2027-01-01T00:00:00Z', description: 'After this instant the key answers 401 "expired". Default: it never expires.' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: EXPIRES_MSG })
  @Matches(/T.*(Z|[+-]\d{2}:?\d{2})$/i, { message: EXPIRES_MSG })
  expiresAt?: string;
}

export const ROTATION_OVERLAP = { defaultSeconds: 86_400, maxSeconds: 7 * 86_400 };

export class RotateApiKeyDto {
  @ApiPropertyOptional({
    minimum: 0, maximum: ROTATION_OVERLAP.maxSeconds, default: ROTATION_OVERLAP.defaultSeconds,
    description: 'How long the replaced secret keeps working, in seconds (0: it stops at once)',
  })
  @IsOptional() @IsInt({ message: 'overlapSeconds must be a whole number of seconds' })
  @Min(0) @Max(ROTATION_OVERLAP.maxSeconds)
  overlapSeconds?: number;
}

export class ApiKeyQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'clientId must be a UUID' }) clientId?: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @BoolQuery() @IsBoolean() includeRevoked?: boolean;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) clientId: string | null;
  @ApiProperty({ enum: SCOPES, isArray: true }) scopes: Scope[];
  @ApiProperty({ description: 'First characters of the key, to tell keys apart', example: 'tally_Ab12Cd' }) prefix: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Last use, recorded at most once a minute' }) lastUsedAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: '203.0.113.7', description: 'Client address of that use (behind trusted proxies, the forwarded one)' })
  lastUsedFrom: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the key stops working; null: never' }) expiresAt: string | null;
  @ApiProperty({
    format: 'date-time', nullable: true, type: String,
    description: 'Until when the secret replaced by the last rotation works (or worked); null: never rotated',
  })
  previousKeyExpiresAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt: string | null;

  static of(k: ApiKeyEntity): ApiKeyDto {
    return apiKeyView(k);
  }
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself. Shown only in this response; store it now.' }) key: string;
}
