import { Module } from '@nestjs/common';
import { DatabaseModule } from '@tally/database';
import { EventsModule } from '@tally/events';
import { InventoryModule } from '@tally/inventory';
import { JobsModule } from '@tally/jobs';
import { MailModule } from '@tally/mail';
import { MeteringModule } from '@tally/metering';
import { ReportsModule } from '@tally/reports';
import { TenancyModule } from '@tally/tenancy';
import { AlertTrigger } from './evaluation/alert-trigger.service';
import { AlertEvaluator } from './evaluation/evaluator.service';
import { BudgetUsage } from './evaluation/budget-usage';
import { AckLinks } from './incidents/ack-links';
import { IncidentMailHook } from './incidents/incident-mail.hook';
import { IncidentsService } from './incidents/incidents.service';
import { MaintenanceService } from './maintenance/maintenance.service';
import { AlertRulesService } from './rules/rules.service';
import { AlertStatusService } from './status/status.service';

/**
 * Alerts (design §9): rules, evaluation, incidents, maintenance windows, acknowledgement
 * links. Owns alert_rules, alert_series, alert_incidents, maintenance_windows and
 * alert_resource_mutes. Both apps import it: the API for the HTTP side and the trigger after
 * pushes, the worker for evaluation.
 */
@Module({
  imports: [DatabaseModule, EventsModule, JobsModule, MeteringModule, TenancyModule, InventoryModule, ReportsModule, MailModule],
  providers: [AlertRulesService, AlertEvaluator, BudgetUsage, AlertTrigger, IncidentsService, MaintenanceService, AckLinks, AlertStatusService, IncidentMailHook],
  exports: [AlertRulesService, AlertEvaluator, AlertTrigger, IncidentsService, MaintenanceService, AckLinks, AlertStatusService],
})
export class AlertsModule {}
