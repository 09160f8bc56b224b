export * from './mail.module';
export * from './mail-outbox';
export { EmailHook } from './email.hook';
