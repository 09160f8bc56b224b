import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClusterEntity, TLS_MODES, TlsMode } from '@tally/database';
import { clusterView, HOSTNAME, TLS_FINGERPRINT_SHA256 } from '@tally/inventory';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { BoolQuery } from '../common/bool-query';
import { PageQueryDto } from '../common/pagination.dto';
import { NoControlChars, OptionalNotNull } from '../common/validation';

const TLS_MSG = `tlsMode must be one of ${TLS_MODES.join(', ')}`;
const FQDN_MSG = 'fqdn must be a valid host name';
const FINGERPRINT_MSG = 'tlsFingerprintSha256 must be 64 hex digits (colons allowed)';

class ClusterFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://cluster1.example.org:5080', description: 'Default (and null): https://<fqdn>:5080' })
  @IsOptional() @IsString() @Length(1, 2000) @NoControlChars()
  rapiUrl?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A password credential for RAPI, when the cluster requires one' })
  @IsOptional() @IsUUID('all', { message: 'credentialId must be a UUID' })
  credentialId?: string | null;

  @ApiPropertyOptional({ enum: TLS_MODES, default: 'system', description: 'system: public CAs; ca: caCertificate; fingerprint: pinned leaf; insecure: no check' })
  @OptionalNotNull() @IsIn(TLS_MODES as unknown as string[], { message: TLS_MSG })
  tlsMode?: TlsMode;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'PEM CA certificate; required with tlsMode ca' })
  @IsOptional() @IsString() @Length(1, 65_536)
  caCertificate?: string | null;

  @ApiPropertyOptional({
    type: String, nullable: true, example: 'AB:CD:…',
    description: 'SHA-256 of the RAPI certificate, 64 hex digits, colons allowed; required with tlsMode fingerprint. Stored lower-case without colons.',
  })
  @IsOptional() @IsString() @Matches(TLS_FINGERPRINT_SHA256, { message: FINGERPRINT_MSG })
  tlsFingerprintSha256?: string | null;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull() @IsBoolean()
  active?: boolean;
}

export class CreateClusterDto extends ClusterFieldsDto {
  @ApiProperty({ example: 'cluster1.example.org', description: 'As ganeti-vm resources name it in clusterFqdn' })
  @IsString() @Length(1, 253) @Matches(HOSTNAME, { message: FQDN_MSG })
  fqdn: string;
}

/** The FQDN is not editable: resources refer to the cluster by it. */
export class UpdateClusterDto extends ClusterFieldsDto {}

export class ClusterQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @BoolQuery() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ description: 'Exact FQDN' }) @IsOptional() @IsString() @Matches(HOSTNAME, { message: FQDN_MSG }) fqdn?: string;
}

export class ClusterDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fqdn: string;
  @ApiProperty() rapiUrl: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) credentialId: string | null;
  @ApiProperty({ enum: TLS_MODES }) tlsMode: TlsMode;
  @ApiProperty({ nullable: true, type: String }) caCertificate: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Lower-case hex, no colons' }) tlsFingerprintSha256: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(c: ClusterEntity): ClusterDto {
    return clusterView(c);
  }
}
