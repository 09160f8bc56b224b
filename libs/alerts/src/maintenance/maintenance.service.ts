import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { diffFields, EventsService } from '@tally/events';
import { ResourcesService } from '@tally/inventory';
import { resolveTimeZone } from '@tally/reports';
import { ClientsService, notFound, Principal, ProjectsService } from '@tally/tenancy';
import { DataSource } from 'typeorm';
import type { MaintenanceWindow, WindowInput } from './maintenance-window';
import { deleteWindow, findMute, findWindow, insertWindow, listWindows, setMute, updateWindow } from './maintenance.repository';

/**
 * Maintenance windows and per-resource "notifications off" (admin only): both hold
 * notifications back, never evaluation; incidents still open and show, marked suppressed.
 */
@Injectable()
export class MaintenanceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
    private readonly clients: ClientsService,
    private readonly projects: ProjectsService,
    private readonly resources: ResourcesService,
  ) {}

  list(page: { limit: number; offset: number; activeAt?: Date }) {
    return listWindows(this.db.manager, page);
  }

  async get(id: string): Promise<MaintenanceWindow> {
    const w = await findWindow(this.db.manager, id);
    if (!w) throw notFound('maintenance window', id);
    return w;
  }

  async create(principal: Principal, input: WindowInput): Promise<MaintenanceWindow> {
    const stored = await this.checked(principal, input);
    return this.db.transaction(async (tx) => {
      const id = await insertWindow(tx, stored);
      const window = (await findWindow(tx, id))!;
      await this.events.record(tx, { type: 'maintenance_window.created', subject: { type: 'maintenance_window', id }, clientId: await this.clientOf(principal, window), data: { window } });
      return window;
    });
  }

  async update(principal: Principal, id: string, patch: Partial<WindowInput>): Promise<MaintenanceWindow> {
    const before = await this.get(id);
    const stored = await this.checked(principal, { ...before, ...patch });
    return this.db.transaction(async (tx) => {
      await updateWindow(tx, id, stored);
      const window = (await findWindow(tx, id))!;
      const changes = diffFields(before, window);
      await this.events.record(tx, { type: 'maintenance_window.updated', subject: { type: 'maintenance_window', id }, clientId: await this.clientOf(principal, window), data: { window }, changes });
      return window;
    });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const window = await this.get(id);
    await this.db.transaction(async (tx) => {
      await deleteWindow(tx, id);
      await this.events.record(tx, { type: 'maintenance_window.deleted', subject: { type: 'maintenance_window', id }, clientId: await this.clientOf(principal, window), data: { window } });
    });
  }

  async notifications(principal: Principal, resourceId: string) {
    const { clientId } = await this.resources.get(principal, resourceId);
    const mute = await findMute(this.db.manager, resourceId);
    return { resourceId, clientId, enabled: !mute, reason: mute?.reason ?? null, since: mute?.since ?? null };
  }

  async setNotifications(principal: Principal, resourceId: string, enabled: boolean, reason: string) {
    const { resource, clientId } = await this.resources.get(principal, resourceId);
    await this.db.transaction(async (tx) => {
      if (!(await setMute(tx, resourceId, !enabled, reason))) return;
      await this.events.record(tx, {
        type: 'alert.resource_notifications', subject: { type: 'resource', id: resourceId }, clientId,
        data: { resourceId, name: resource.name, notifications: enabled ? 'on' : 'off', reason },
      });
    });
    return this.notifications(principal, resourceId);
  }

  private async checked(principal: Principal, input: WindowInput): Promise<Omit<MaintenanceWindow, 'id' | 'createdAt'>> {
    const recurrence = input.recurrence ?? 'none';
    const startsAt = new Date(input.startsAt);
    const endsAt = input.endsAt ? new Date(input.endsAt) : null;
    for (const [field, d] of [['startsAt', startsAt], ['endsAt', endsAt]] as const) {
      if (d && !(d.getTime() >= Date.UTC(1970, 0, 1) && d.getTime() < Date.UTC(10000, 0, 1))) throw new BadRequestException(`${field}: must be a time from 1970 to 9999`);
    }
    if (endsAt && endsAt <= startsAt) throw new BadRequestException('endsAt: must be after startsAt');
    let timeZone: string;
    try {
      timeZone = resolveTimeZone(input.timeZone);
    } catch {
      throw new BadRequestException(`timeZone: unknown time zone "${input.timeZone}"; use an IANA name such as UTC or Europe/Berlin`);
    }
    if (recurrence === 'none') {
      if (!endsAt) throw new BadRequestException('endsAt: a one-off window (recurrence none) needs an end');
    } else {
      if (!input.startTime) throw new BadRequestException(`startTime: a ${recurrence} window needs its local start time, "HH:MM"`);
      if (!input.durationMinutes) throw new BadRequestException(`durationMinutes: a ${recurrence} window needs a duration`);
      if (recurrence === 'weekly' && !input.weekdays?.length) throw new BadRequestException('weekdays: a weekly window needs at least one weekday (1 = Monday … 7 = Sunday)');
    }
    const scopeId = input.scopeId ?? null;
    if (input.scopeType === 'all' && scopeId !== null) throw new BadRequestException('scopeId: must be absent when scopeType is all');
    if (input.scopeType !== 'all') {
      if (scopeId === null) throw new BadRequestException(`scopeId: required when scopeType is ${input.scopeType}`);
      if (!(await this.exists(principal, input.scopeType, scopeId))) throw new BadRequestException(`scopeId: ${input.scopeType} ${scopeId} not found`);
    }
    return {
      name: input.name, scopeType: input.scopeType, scopeId, startsAt: startsAt.toISOString(), endsAt: endsAt ? endsAt.toISOString() : null, recurrence,
      weekdays: recurrence === 'weekly' ? [...new Set(input.weekdays)].sort() : [], startTime: recurrence === 'none' ? null : input.startTime ?? null,
      durationMinutes: recurrence === 'none' ? null : input.durationMinutes ?? null, timeZone,
    };
  }

  private async exists(principal: Principal, type: 'client' | 'project' | 'resource', id: string): Promise<boolean> {
    const get = type === 'client' ? this.clients.get(principal, id) : type === 'project' ? this.projects.get(principal, id) : this.resources.get(principal, id);
    return get.then(() => true, () => false);
  }

  /** The client a window's events belong to; null for installation-wide ones. */
  private async clientOf(principal: Principal, w: MaintenanceWindow): Promise<string | null> {
    if (w.scopeType === 'all' || !w.scopeId) return null;
    if (w.scopeType === 'client') return w.scopeId;
    if (w.scopeType === 'project') return (await this.projects.get(principal, w.scopeId).catch(() => undefined))?.clientId ?? null;
    return (await this.resources.get(principal, w.scopeId).catch(() => undefined))?.clientId ?? null;
  }
}
