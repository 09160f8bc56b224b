import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Principal } from '@tally/tenancy';
import { WebhooksService } from '@tally/webhooks';
import { ApiErrors, ErrorDto } from '../common/api-errors';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { PageOf } from '../common/pagination.dto';
import { UuidPipe } from '../common/uuid.pipe';
import {
  CreatedWebhookDto, CreateWebhookDto, DeliveryDto, DeliveryQueryDto, DeliveryWithAttemptsDto, RotateWebhookSecretDto, SECRET_OVERLAP, UpdateWebhookDto, WebhookDto, WebhookQueryDto,
} from './webhooks.dto';

/** Webhook subscriptions (docs/webhooks.md): an admin's for any client or all; a client key's for its own client only. */
@ApiTags('webhooks')
@ApiErrors()
@Controller('webhooks')
@Roles('admin', 'client')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'createWebhook', summary: 'Subscribe a URL to events; the signing secret is in this answer only' })
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: 'TALLY_SECRET_KEYS is not set, so no secret can be stored' })
  async create(@CurrentPrincipal() who: Principal, @Body() body: CreateWebhookDto): Promise<CreatedWebhookDto> {
    const { webhook, secret } = await this.webhooks.create(who, body);
    return { ...webhook, secret };
  }

  @Get()
  @ApiOperation({ operationId: 'listWebhooks' })
  @ApiOkResponse({ type: PageOf(WebhookDto) })
  list(@CurrentPrincipal() who: Principal, @Query() q: WebhookQueryDto) {
    return this.webhooks.list(who, q);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getWebhook' })
  @ApiOkResponse({ type: WebhookDto })
  get(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string) {
    return this.webhooks.get(who, id);
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateWebhook', description: 'active=true turns a webhook Tally disabled back on; its waiting deliveries resume' })
  @ApiOkResponse({ type: WebhookDto })
  update(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string, @Body() body: UpdateWebhookDto) {
    return this.webhooks.update(who, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteWebhook' })
  @ApiNoContentResponse({ description: 'Deleted, with its delivery log; nothing more is sent' })
  async remove(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string) {
    await this.webhooks.remove(who, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'rotateWebhookSecret',
    summary: 'Issue a new signing secret',
    description: `Until \`previousSecretValidUntil\` (overlapSeconds from now, default ${SECRET_OVERLAP.defaultSeconds}) deliveries carry two signatures, one per secret.`,
  })
  @ApiOkResponse({ type: CreatedWebhookDto, description: 'The new secret is in this answer only' })
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: 'TALLY_SECRET_KEYS is not set' })
  async rotate(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string, @Body() body: RotateWebhookSecretDto): Promise<CreatedWebhookDto> {
    const { webhook, secret } = await this.webhooks.rotateSecret(who, id, body.overlapSeconds ?? SECRET_OVERLAP.defaultSeconds);
    return { ...webhook, secret };
  }

  @Get(':id/deliveries')
  @ApiOperation({ operationId: 'listWebhookDeliveries', summary: 'The delivery log, newest first: status, response code, latency, attempts, next attempt, last error' })
  @ApiOkResponse({ type: PageOf(DeliveryDto) })
  deliveries(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string, @Query() q: DeliveryQueryDto) {
    return this.webhooks.deliveries(who, id, q);
  }

  @Get(':id/deliveries/:deliveryId')
  @ApiOperation({ operationId: 'getWebhookDelivery', summary: 'One delivery, with every attempt at it' })
  @ApiOkResponse({ type: DeliveryWithAttemptsDto })
  delivery(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string, @Param('deliveryId', UuidPipe) deliveryId: string) {
    return this.webhooks.delivery(who, id, deliveryId);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({ operationId: 'redeliverWebhookDelivery', summary: 'Send a delivery again, now, with its own webhook-id (receivers may drop it as a duplicate)' })
  @ApiAcceptedResponse({ type: DeliveryDto, description: 'Queued; the worker sends it after the deliveries queued before it' })
  redeliver(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string, @Param('deliveryId', UuidPipe) deliveryId: string) {
    return this.webhooks.redeliver(who, id, deliveryId);
  }
}
