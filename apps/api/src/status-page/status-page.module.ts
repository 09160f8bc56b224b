import { Module } from '@nestjs/common';
import { StatusPageAssets, StatusPageController } from './status-page.controller';

/** The operators' status page: static files only; its data comes from the REST API. */
@Module({ controllers: [StatusPageController], providers: [StatusPageAssets] })
export class StatusPageModule {}
