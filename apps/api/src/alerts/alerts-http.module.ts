import { Module } from '@nestjs/common';
import { AlertsModule } from '@tally/alerts';
import { AckLinkController } from './ack-link.controller';
import { AlertRulesController } from './alert-rules.controller';
import { AlertsController } from './alerts.controller';
import { MaintenanceWindowsController } from './maintenance-windows.controller';

@Module({
  imports: [AlertsModule],
  controllers: [AlertRulesController, AlertsController, MaintenanceWindowsController, AckLinkController],
})
export class AlertsHttpModule {}
