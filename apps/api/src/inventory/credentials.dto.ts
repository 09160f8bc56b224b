import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CREDENTIAL_KINDS, CredentialEntity, CredentialKind } from '@tally/database';
import { credentialView, MAX_SECRET_LENGTH } from '@tally/inventory';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQueryDto } from '../common/pagination.dto';
import { NoControlChars, OptionalNotNull } from '../common/validation';

const NAME = /^\S(.*\S)?$/;
const NAME_MSG = 'name must not start or end with white space';
const KIND_MSG = `kind must be one of ${CREDENTIAL_KINDS.join(', ')}`;

export class CreateCredentialDto {
  @ApiProperty({ example: 'fleet-ssh-2026', maxLength: 200 })
  @IsString() @Length(1, 200) @Matches(NAME, { message: NAME_MSG }) @NoControlChars()
  name: string;

  @ApiProperty({ enum: CREDENTIAL_KINDS, description: 'ssh-private-key for nodes, password for Ganeti RAPI' })
  @IsIn(CREDENTIAL_KINDS as unknown as string[], { message: KIND_MSG })
  kind: CredentialKind;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'tally-ro', description: 'RAPI user for a password; informational for an SSH key' })
  @IsOptional() @IsString() @Length(1, 200) @NoControlChars()
  username?: string | null;

  @ApiProperty({
    writeOnly: true,
    maxLength: MAX_SECRET_LENGTH,
    description: 'The password, or an unencrypted PEM/OpenSSH private key (-----BEGIN ... PRIVATE KEY-----). Stored encrypted; never returned.',
  })
  @IsString() @Length(1, MAX_SECRET_LENGTH)
  secret: string;
}

export class UpdateCredentialDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull() @IsString() @Length(1, 200) @Matches(NAME, { message: NAME_MSG }) @NoControlChars()
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional() @IsString() @Length(1, 200) @NoControlChars()
  username?: string | null;

  @ApiPropertyOptional({ writeOnly: true, maxLength: MAX_SECRET_LENGTH, description: 'A new secret, sealed with the active key version' })
  @OptionalNotNull() @IsString() @Length(1, MAX_SECRET_LENGTH)
  secret?: string;
}

export class CredentialQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CREDENTIAL_KINDS })
  @IsOptional() @IsIn(CREDENTIAL_KINDS as unknown as string[], { message: KIND_MSG })
  kind?: CredentialKind;
}

/** What is known about a credential without its secret, which no response ever carries. */
export class CredentialDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CREDENTIAL_KINDS }) kind: CredentialKind;
  @ApiProperty({ nullable: true, type: String }) username: string | null;
  @ApiProperty({ description: 'Always true: a secret is stored (encrypted), but never returned', example: true }) hasSecret: true;
  @ApiProperty({ type: 'integer', description: 'Version of TALLY_SECRET_KEYS the secret is encrypted with', example: 1 }) keyVersion: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(c: CredentialEntity): CredentialDto {
    return credentialView(c);
  }
}
