import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventsService } from '@tally/events';
import { notFound, Principal, tenantOf } from '@tally/tenancy';
import { DataSource } from 'typeorm';
import type { Incident } from './incident';
import { findIncident, IncidentQuery, listIncidents, saveIncident } from './incidents.repository';

/**
 * Incidents: listed and read by admin and billing keys, and by a client key for its own
 * client; acknowledged by admins or through a signed link. An acknowledgement stops
 * re-notification; it does not close the incident (only recovery does).
 */
@Injectable()
export class IncidentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
  ) {}

  list(principal: Principal, q: Omit<IncidentQuery, 'tenant'>) {
    return listIncidents(this.db.manager, { ...q, tenant: tenantOf(principal) });
  }

  async get(principal: Principal | undefined, id: number): Promise<Incident> {
    const incident = await findIncident(this.db.manager, id, principal && tenantOf(principal));
    if (!incident) throw notFound('alert', String(id));
    return incident;
  }

  /** `by` is what the incident shows as its acknowledger: a key's name, or the link. The event's actor comes from the request. */
  async acknowledge(principal: Principal | undefined, id: number, by: string): Promise<Incident> {
    return this.db.transaction(async (tx) => {
      const incident = await findIncident(tx, id, principal && tenantOf(principal), true);
      if (!incident) throw notFound('alert', String(id));
      if (incident.status !== 'open') throw new ConflictException(`alert ${id} recovered at ${incident.recoveredAt}; there is nothing to acknowledge`);
      if (incident.acknowledgedAt) throw new ConflictException(`alert ${id} was acknowledged already, by ${incident.acknowledgedBy} at ${incident.acknowledgedAt}`);
      incident.acknowledgedAt = new Date().toISOString();
      incident.acknowledgedBy = by;
      await saveIncident(tx, incident);
      await this.events.record(tx, { type: 'alert.acknowledged', subject: { type: 'alert', id: String(id) }, clientId: incident.clientId, data: { incident } });
      return incident;
    });
  }
}
