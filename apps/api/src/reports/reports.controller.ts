import { Controller, Get, Logger, NotAcceptableException, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiExtraModels, ApiNotAcceptableResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiServiceUnavailableResponse, ApiTags, getSchemaPath,
} from '@nestjs/swagger';
import { ClientsService, Principal } from '@tally/tenancy';
import { parseReportWindow, reportFileName, ReportHeader, ReportsBusyError, ReportService } from '@tally/reports';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { ApiErrors, ErrorDto } from '../common/api-errors';
import { UuidPipe } from '../common/uuid.pipe';
import { csvTransform, reportCsvRows } from './report-csv.writer';
import { ReportDto, ReportFormat, ReportQueryDto } from './report.dto';
import { reportJsonChunks } from './report-json.writer';
import { primed, streamTo } from './report-stream';

const CSV_TYPE = 'text/csv; charset=utf-8; header=present';
const JSON_TYPE = 'application/json; charset=utf-8';

@ApiTags('reports')
@ApiErrors()
@ApiExtraModels(ReportDto)
@Controller()
export class ReportsController {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly clients: ClientsService,
    private readonly reports: ReportService,
  ) {}

  @Get('clients/:id/report')
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'getClientReport',
    summary: "A client's usage report for a window, as JSON or CSV",
    description:
      'One line per (project, resource, measurement) with samples, expected, coverage, min, max, avg, last and usage; ' +
      'subtotals per project and totals per measurement for the client. Streamed: large clients start arriving at once. ' +
      'A client key may only read its own client (others answer 404). Column and field meanings: docs/reports.md.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'The report, streamed. CSV comes as an attachment named after the client and window.',
    headers: {
      'Content-Disposition': { description: 'attachment (CSV) or inline (JSON); filename="tally-<client>-<from>_<to>.<csv|json>"', schema: { type: 'string' } },
      'X-Report-Status': { description: 'provisional or final, as in the body', schema: { type: 'string', enum: ['provisional', 'final'] } },
      'X-Replica-Lag-Seconds': { description: 'Seconds the read replica was behind the primary, as replicaLagSeconds in the body; absent without a replica', schema: { type: 'number' } },
    },
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ReportDto) } },
      'text/csv': { schema: { type: 'string', description: 'RFC 4180, UTF-8 with BOM; first column row_type = line | project_subtotal | client_total' } },
    },
  })
  @ApiNotAcceptableResponse({ type: ErrorDto, description: 'The Accept header allows neither application/json nor text/csv (use format=)' })
  @ApiServiceUnavailableResponse({
    type: ErrorDto,
    description:
      'Nothing was sent: either every report connection stayed in use for as long as a report waits in line (retry after Retry-After), ' +
      'or the report query ran past the server\'s time limit (ask for a shorter window). A failure after the first byte cuts the response instead.',
    headers: { 'Retry-After': { description: 'Seconds to wait before retrying (when the server was busy)', schema: { type: 'integer' } } },
  })
  async report(
    @CurrentPrincipal() who: Principal,
    @Param('id', UuidPipe) id: string,
    @Query() query: ReportQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const format = chooseFormat(query.format, req);
    const window = parseReportWindow(query);
    await this.clients.get(who, id); // out-of-tenant clients answer 404, like missing ones
    const header = await this.reports.header({ clientId: id, window });
    const lines = await primed(this.reports.lines(header)).catch((e: unknown) => {
      if (e instanceof ReportsBusyError) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    });
    const fileName = reportFileName(header.clientName, header.from, header.to, format, header.tz);
    res.status(200);
    res.setHeader('Content-Type', format === 'csv' ? CSV_TYPE : JSON_TYPE);
    res.setHeader('Content-Disposition', `${format === 'csv' ? 'attachment' : 'inline'}; filename="${fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Report-Status', header.status);
    if (header.replicaLagSeconds !== null) res.setHeader('X-Replica-Lag-Seconds', String(header.replicaLagSeconds));
    const result =
      format === 'csv'
        ? await streamTo(res, lines, reportCsvRows(header, lines), csvTransform())
        : await streamTo(res, lines, reportJsonChunks(header, lines));
    this.log(header, format, result.outcome, result.error);
  }

  private log(header: ReportHeader, format: ReportFormat, outcome: string, error: unknown): void {
    const ctx = { clientId: header.clientId, from: header.from, to: header.to, format, outcome };
    if (outcome === 'failed') this.logger.error({ ...ctx, err: error }, 'report stream failed after the first byte');
    else this.logger.debug(ctx, 'report streamed');
  }
}

/** format= wins; otherwise the Accept header decides, JSON when it allows both (or is absent). */
function chooseFormat(format: ReportFormat | undefined, req: Request): ReportFormat {
  if (format) return format;
  const best = req.accepts(['application/json', 'text/csv']);
  if (!best) throw new NotAcceptableException('Accept: the report is available as application/json or text/csv; or set format=csv|json');
  return best === 'text/csv' ? 'csv' : 'json';
}
