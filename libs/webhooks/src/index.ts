export * from './webhooks.module';
export * from './webhooks.service';
export * from './webhook-views';
export { WebhookDeliveryHook } from './webhook-delivery.hook';
export * from './webhook-reseal';
