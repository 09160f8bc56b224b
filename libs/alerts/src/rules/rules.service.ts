import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { diffFields, EventsService } from '@tally/events';
import { ResourcesService } from '@tally/inventory';
import { MeasurementsService } from '@tally/metering';
import { resolveTimeZone } from '@tally/reports';
import { ClientsService, notFound, Principal, ProjectsService, tenantOf } from '@tally/tenancy';
import { DataSource } from 'typeorm';
import { AlertRule, RuleInput } from './rule';
import { bumpVersion, recheckRule } from '../evaluation/series.repository';
import { deleteRule, findRule, insertRule, listRules, updateRule } from './rules.repository';

const DEFAULTS = { comparison: '>' as const, nodataAfter: 3, maxNotifications: 3, renotifyMinutes: 240, notificationsEnabled: true, enabled: true };

/**
 * Alert rules (design §9). Admins write them; a client key reads the rules whose scope lies in
 * its own client (scoped to a client, one of its projects or resources). Installation-wide
 * rules (all, a resource type) are the operator's and invisible to client keys.
 */
@Injectable()
export class AlertRulesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
    private readonly measurements: MeasurementsService,
    private readonly clients: ClientsService,
    private readonly projects: ProjectsService,
    private readonly resources: ResourcesService,
  ) {}

  list(principal: Principal, page: { limit: number; offset: number }) {
    return listRules(this.db.manager, { ...page, tenant: tenantOf(principal) });
  }

  async get(principal: Principal, id: string): Promise<AlertRule> {
    const rule = await findRule(this.db.manager, id, tenantOf(principal));
    if (!rule) throw notFound('alert rule', id);
    return rule;
  }

  async create(principal: Principal, input: RuleInput): Promise<AlertRule> {
    const stored = await this.checked(principal, input);
    return this.db.transaction(async (tx) => {
      const id = await insertRule(tx, stored);
      await bumpVersion(tx);
      const rule = (await findRule(tx, id))!;
      await this.events.record(tx, { type: 'alert_rule.created', subject: { type: 'alert_rule', id }, clientId: rule.clientId, data: { rule } });
      return rule;
    });
  }

  async update(principal: Principal, id: string, patch: Partial<RuleInput>): Promise<AlertRule> {
    const before = await this.get(principal, id);
    const merged: RuleInput = { ...before, ...patch };
    if (patch.scopeType !== undefined && patch.scopeId === undefined && patch.scopeType !== before.scopeType) merged.scopeId = undefined;
    const stored = await this.checked(principal, merged);
    return this.db.transaction(async (tx) => {
      await updateRule(tx, id, stored);
      await recheckRule(tx, id);
      await bumpVersion(tx);
      const rule = (await findRule(tx, id))!;
      const changes = diffFields(strip(before), strip(rule));
      await this.events.record(tx, { type: 'alert_rule.updated', subject: { type: 'alert_rule', id }, clientId: rule.clientId, data: { rule }, changes });
      return rule;
    });
  }

  /** Its series and incidents go with it; their events stay in the log. */
  async remove(principal: Principal, id: string): Promise<void> {
    const rule = await this.get(principal, id);
    await this.db.transaction(async (tx) => {
      await deleteRule(tx, id);
      await bumpVersion(tx);
      await this.events.record(tx, { type: 'alert_rule.deleted', subject: { type: 'alert_rule', id }, clientId: rule.clientId, data: { rule } });
    });
  }

  /** Cross-field rules the DTO cannot express; each 400 names its field. */
  private async checked(principal: Principal, input: RuleInput) {
    const kind = input.kind ?? 'threshold';
    const [measurement] = [...(await this.measurements.resolve([input.measurement])).values()];
    if (!measurement) throw new BadRequestException(`measurement: ${input.measurement} is not in the catalog (GET /api/v1/measurements)`);
    const warn = input.warn ?? null;
    const crit = input.crit ?? null;
    if (warn === null && crit === null) throw new BadRequestException('crit: give warn, crit or both (a budget rule: crit is the limit)');
    if (kind === 'budget' && crit === null) throw new BadRequestException('crit: a budget rule needs crit, the limit of the month\'s usage');
    const comparison = kind === 'budget' ? '>=' : (input.comparison ?? DEFAULTS.comparison);
    if (kind === 'budget' && input.comparison && input.comparison !== '>=') throw new BadRequestException('comparison: a budget rule compares usage >= its limits');
    let timeZone: string;
    try {
      timeZone = resolveTimeZone(input.timeZone);
    } catch {
      throw new BadRequestException(`timeZone: unknown time zone "${input.timeZone}"; use an IANA name such as UTC or Europe/Berlin`);
    }
    const { scopeId, clientId } = await this.scope(principal, input);
    if (kind === 'budget' && input.scopeType === 'resource_type') throw new BadRequestException('scopeType: a budget rule watches clients: scope it to all, a client, a project or a resource');
    return {
      name: input.name, kind, measurementId: measurement.id, scopeType: input.scopeType, scopeId, clientId, comparison, warn, crit,
      forEvaluations: input.forEvaluations ?? (kind === 'budget' ? 1 : 3), nodataAfter: input.nodataAfter ?? DEFAULTS.nodataAfter, timeZone,
      maxNotifications: input.maxNotifications ?? DEFAULTS.maxNotifications, renotifyMinutes: input.renotifyMinutes ?? DEFAULTS.renotifyMinutes,
      notificationsEnabled: input.notificationsEnabled ?? DEFAULTS.notificationsEnabled, enabled: input.enabled ?? DEFAULTS.enabled,
    };
  }

  private async scope(principal: Principal, input: RuleInput): Promise<{ scopeId: string | null; clientId: string | null }> {
    const id = input.scopeId ?? null;
    if (input.scopeType === 'all') {
      if (id !== null) throw new BadRequestException('scopeId: must be absent when scopeType is all');
      return { scopeId: null, clientId: null };
    }
    if (id === null || id === '') throw new BadRequestException(`scopeId: required when scopeType is ${input.scopeType}`);
    if (input.scopeType === 'resource_type') return { scopeId: id, clientId: null };
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new BadRequestException(`scopeId: must be the UUID of a ${input.scopeType}`);
    const found = await this.owner(principal, input.scopeType, id).catch(() => undefined);
    if (!found) throw new BadRequestException(`scopeId: ${input.scopeType} ${id} not found`);
    return { scopeId: id, clientId: found };
  }

  private async owner(principal: Principal, type: 'client' | 'project' | 'resource', id: string): Promise<string> {
    if (type === 'client') return (await this.clients.get(principal, id)).id;
    if (type === 'project') return (await this.projects.get(principal, id)).clientId;
    return (await this.resources.get(principal, id)).clientId;
  }
}

/** What an update event compares: the stored fields, not the timestamps. */
function strip(r: AlertRule) {
  const { createdAt: _c, updatedAt: _u, ...rest } = r;
  return rest;
}
