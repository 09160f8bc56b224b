import { Module } from '@nestjs/common';
import { EventsModule } from '@tally/events';
import { EventsController } from './events.controller';

@Module({ imports: [EventsModule], controllers: [EventsController] })
export class EventsHttpModule {}
