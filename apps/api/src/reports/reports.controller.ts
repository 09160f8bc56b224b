import { Controller, Get, Logger, NotAcceptableException, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiExtraModels, ApiNotAcceptableResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiServiceUnavailableResponse, ApiTags, getSchemaPath,
} from '@nestjs/swagger';
import { ClientsService, Principal } from '@tally/tenancy';
import { AppConfig, InjectConfig } from '@tally/config';
import { RateCardAssignmentsService } from '@tally/pricing';
import { dayStarts, parseReportWindow, reportFileName, ReportHeader, reportPricing, reportRows, ReportsBusyError, ReportService } from '@tally/reports';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { ApiErrors, ErrorDto } from '../common/api-errors';
import { UuidPipe } from '../common/uuid.pipe';
import { csvTransform, reportCsvRows } from './report-csv.writer';
import { REPORT_FORMATS, ReportDto, ReportFormat, ReportQueryDto } from './report.dto';
import { focusRecords, focusTransform } from './report-focus.writer';
import { reportPdf } from './report-pdf.writer';
import { reportXlsx } from './report-xlsx.writer';
import { reportJsonChunks } from './report-json.writer';
import { primed, streamTo } from './report-stream';

const CSV_TYPE = 'text/csv; charset=utf-8; header=present';
const JSON_TYPE = 'application/json; charset=utf-8';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF_TYPE = 'application/pdf';
const CONTENT_TYPES: Record<ReportFormat, string> = { csv: CSV_TYPE, json: JSON_TYPE, xlsx: XLSX_TYPE, focus: CSV_TYPE, pdf: PDF_TYPE };

@ApiTags('reports')
@ApiErrors()
@ApiExtraModels(ReportDto)
@Controller()
export class ReportsController {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly clients: ClientsService,
    private readonly reports: ReportService,
    private readonly rateCards: RateCardAssignmentsService,
    @InjectConfig() private readonly config: AppConfig,
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
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE, PDF_TYPE)
  @ApiOkResponse({
    description: 'The report, streamed. CSV comes as an attachment named after the client and window.',
    headers: {
      'Content-Disposition': { description: 'attachment (CSV) or inline (JSON); filename="tally-<client>-<from>_<to>.<csv|json>"', schema: { type: 'string' } },
      'X-Report-Status': { description: 'provisional or final, as in the body', schema: { type: 'string', enum: ['provisional', 'final'] } },
      'X-Replica-Lag-Seconds': { description: 'Seconds the read replica was behind the primary, as replicaLagSeconds in the body; absent without a replica', schema: { type: 'number' } },
    },
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ReportDto) } },
      'text/csv': {
        schema: {
          type: 'string',
          description: 'format=csv: RFC 4180, UTF-8 with BOM; first column row_type = line | project_subtotal | project_amount | client_total | client_amount. ' +
            'format=focus: FOCUS 1.2 cost and usage CSV, one row per line and charge period (day)',
        },
      },
      [XLSX_TYPE]: { schema: { type: 'string', format: 'binary', description: 'format=xlsx: a Lines sheet and a Totals sheet, typed number and date cells, frozen header' } },
      [PDF_TYPE]: { schema: { type: 'string', format: 'binary', description: 'format=pdf: a statement with the lines grouped by project, money totals, coverage and corrections notes' } },
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
    const client = await this.clients.get(who, id); // out-of-tenant clients answer 404, like missing ones
    const pricing = reportPricing(await this.rateCards.pricesFor(id));
    // FOCUS charges per day, so its lines are split at each midnight in tz as well as where a price changes.
    const days = format === 'focus' ? dayStarts(window.from, window.to, window.tz) : [];
    const header = await this.reports.header({ clientId: id, window, client: { name: client.name, billingRef: client.billingRef }, pricing, cuts: days });
    const lines = await primed(this.reports.lines(header)).catch((e: unknown) => {
      if (e instanceof ReportsBusyError) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    });
    const fileName = reportFileName(header.clientName, header.from, header.to, format === 'focus' ? 'csv' : format, header.tz).replace(/\.csv$/, format === 'focus' ? '-focus.csv' : '.csv');
    res.status(200);
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', `${format === 'json' ? 'inline' : 'attachment'}; filename="${fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Report-Status', header.status);
    if (header.replicaLagSeconds !== null) res.setHeader('X-Replica-Lag-Seconds', String(header.replicaLagSeconds));
    const rows = reportRows(header, lines);
    const result =
      format === 'csv' ? await streamTo(res, lines, reportCsvRows(header, rows), csvTransform())
        : format === 'xlsx' ? await streamTo(res, lines, reportXlsx(header, rows))
          : format === 'focus' ? await streamTo(res, lines, focusRecords(header, rows, days, this.config.organisationName), focusTransform())
            : format === 'pdf' ? await streamTo(res, lines, reportPdf(header, rows, this.config.organisationName))
              : await streamTo(res, lines, reportJsonChunks(header, rows));
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
  const best = req.accepts(['application/json', 'text/csv', XLSX_TYPE, PDF_TYPE]);
  if (!best) throw new NotAcceptableException(`Accept: the report is available as application/json, text/csv, ${XLSX_TYPE} or ${PDF_TYPE}; or set format=${REPORT_FORMATS.join('|')}`);
  return best === 'text/csv' ? 'csv' : best === XLSX_TYPE ? 'xlsx' : best === PDF_TYPE ? 'pdf' : 'json';
}
