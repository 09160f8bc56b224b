import { Controller, Get, HttpException, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AckLinks, IncidentsService } from '@tally/alerts';
import { requestContext } from '@tally/events';
import type { Response } from 'express';
import { Public } from '../common/auth/roles.decorator';

/** No script at all; the confirm form posts back to the same URL. */
export const ACK_PAGE_CSP = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The signed acknowledgement link a notification carries. GET only shows what would be
 * acknowledged and a button (mail scanners follow links; a GET must change nothing); the POST
 * acknowledges. Public on purpose: the token is the credential, for one incident, until it
 * expires.
 */
@ApiExcludeController()
@Public()
@Controller('ack')
export class AckLinkController {
  constructor(
    private readonly links: AckLinks,
    private readonly incidents: IncidentsService,
  ) {}

  @Get(':token')
  async confirm(@Param('token') token: string, @Res() res: Response) {
    const check = this.links.check(token);
    if (!check.ok) return this.page(res, 404, 'Acknowledgement link', `<p>${escape(check.reason)}</p>`);
    const incident = await this.incidents.get(undefined, check.incidentId).catch(() => undefined);
    if (!incident) return this.page(res, 404, 'Acknowledgement link', '<p>This incident no longer exists.</p>');
    const what = `${escape(incident.ruleName)}: ${escape(incident.subjectName ?? incident.subjectId)} is ${escape(incident.severity)} since ${escape(incident.openedAt)}`;
    const state = incident.status !== 'open' ? `<p>It recovered at ${escape(incident.recoveredAt ?? '')}; there is nothing to acknowledge.</p>`
      : incident.acknowledgedAt ? `<p>Acknowledged already, by ${escape(incident.acknowledgedBy ?? '')} at ${escape(incident.acknowledgedAt)}.</p>`
      : `<form method="post"><button type="submit">Acknowledge incident ${incident.id}</button></form>`;
    return this.page(res, 200, `Incident ${incident.id}`, `<p>${what}</p>${state}`);
  }

  @Post(':token')
  async acknowledge(@Param('token') token: string, @Res() res: Response) {
    const check = this.links.check(token);
    if (!check.ok) return this.page(res, 404, 'Acknowledgement link', `<p>${escape(check.reason)}</p>`);
    const by = `ack link (incident ${check.incidentId})`;
    requestContext.setActor({ keyId: null, keyName: by, role: 'ack-link' });
    try {
      const incident = await this.incidents.acknowledge(undefined, check.incidentId, by);
      return this.page(res, 200, `Incident ${incident.id}`, `<p>Acknowledged at ${escape(incident.acknowledgedAt ?? '')}. Re-notification stops until it changes state.</p>`);
    } catch (e) {
      if (!(e instanceof HttpException)) throw e;
      return this.page(res, e.getStatus(), `Incident ${check.incidentId}`, `<p>${escape(e.message)}</p>`);
    }
  }

  private page(res: Response, status: number, title: string, body: string): void {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', ACK_PAGE_CSP);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Robots-Tag', 'noindex');
    res.status(status).end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}</body></html>`);
  }
}
