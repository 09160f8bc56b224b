import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiProperty, ApiUnauthorizedResponse } from '@nestjs/swagger';

export class ErrorDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({ example: 'limit must not be greater than 500' }) message: string;
  @ApiProperty({ example: '4f6c1f0e-1c1e-4a59-9c55-2f3d3c1b8a11', description: 'Also in the X-Request-Id header; quote it when reporting a problem' })
  requestId: string;
}

/** A 409 for writing into a closed period (libs/metering closed-periods.ts); corrections may, pushes and triggers may not. */
export class ClosedPeriodErrorDto extends ErrorDto {
  @ApiProperty({
    format: 'date-time', example: '2026-12-01T06:15:00.000Z',
    description: 'Data stamped before this instant is closed (now − interval − pre-cache lead − TALLY_LATE_PUSH_GRACE_MINUTES); change it with POST /api/v1/corrections',
  })
  closedBefore: string;
}

/** The error answers every authenticated route can give, in the one error shape. */
export const ApiErrors = () =>
  applyDecorators(
    ApiBadRequestResponse({ type: ErrorDto, description: 'Invalid input; the message names the field' }),
    ApiUnauthorizedResponse({ type: ErrorDto, description: 'Missing, malformed, unknown, revoked or expired API key, or a secret replaced by a rotation' }),
    ApiForbiddenResponse({ type: ErrorDto, description: "The key's role may not use this endpoint" }),
    ApiNotFoundResponse({ type: ErrorDto, description: 'No such object, or not visible to this key' }),
  );
