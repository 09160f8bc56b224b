import * as ExcelJS from 'exceljs';
import { requireMinorUnits } from '@tally/money';
import { csvSafeText, MeasurementTotal, ReportHeader, ReportRow, wallClock } from '@tally/reports';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';

type Cell = string | number | boolean | Date | null;

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const text = (s: string | null | undefined): string | null => (s == null ? null : csvSafeText(s));
/** A decimal text as a number cell: spreadsheets compute in doubles; the exact figure is in the JSON. */
const number = (s: string | null): number | null => (s === null ? null : Number(s));

/** A wall-clock time in tz as a date cell (spreadsheet dates have no zone, so it is written as read there). */
function localDate(instant: Date, tz: string): Date {
  const w = wallClock(instant, tz);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}

function moneyFormat(currency: string | null): string {
  const minor = currency ? requireMinorUnits(currency) : 2;
  return minor ? `#,##0.${'0'.repeat(minor)}` : '#,##0';
}

interface Column {
  header: string;
  width: number;
  numFmt?: string;
}

function sheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Column[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

/**
 * The report as an XLSX workbook, streamed: the Lines sheet is written row by row as the lines
 * arrive (each row committed, so none is held), then the Totals sheet from the subtotal and
 * amount rows (a few per project). Numbers, money and dates are typed cells with number formats;
 * text cells are neutralised against formula injection like the CSV.
 */
export function reportXlsx(header: ReportHeader, rows: AsyncIterable<ReportRow>): Readable {
  const out = new PassThrough();
  const currency = header.pricing?.currency ?? null;
  const money = moneyFormat(currency);
  void (async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const lines = sheet(wb, 'Lines', [
      { header: 'Client', width: 24 }, { header: 'Client billing ref', width: 16 }, { header: 'Project', width: 18 }, { header: 'Resource', width: 24 },
      { header: 'Resource id', width: 38 }, { header: 'Type', width: 12 }, { header: 'Active', width: 8 }, { header: 'Measurement', width: 16 },
      { header: 'Usage', width: 16, numFmt: '#,##0.000' }, { header: 'Usage unit', width: 10 }, { header: 'Display usage', width: 14, numFmt: '#,##0.000' },
      { header: 'Display unit', width: 12 }, { header: 'Samples', width: 10, numFmt: '0' }, { header: 'Expected', width: 10, numFmt: '0' },
      { header: 'Coverage', width: 10, numFmt: '0.00%' }, { header: 'Unit price', width: 12, numFmt: '0.00########' }, { header: 'Price unit', width: 10 },
      { header: 'Amount', width: 12, numFmt: money }, { header: 'Currency', width: 9 }, { header: 'Pricing', width: 40 },
      { header: 'Corrections', width: 11, numFmt: '0' }, { header: 'Corrected at (UTC)', width: 20, numFmt: DATE_FORMAT },
      { header: 'Window from (UTC)', width: 20, numFmt: DATE_FORMAT }, { header: 'Window to (UTC)', width: 20, numFmt: DATE_FORMAT },
      { header: `Window from (${header.tz})`, width: 20, numFmt: DATE_FORMAT }, { header: `Window to (${header.tz})`, width: 20, numFmt: DATE_FORMAT },
      { header: 'Status', width: 11 }, { header: 'Labels', width: 24 }, { header: 'Project billing ref', width: 16 },
    ]);
    const window: Cell[] = [header.from, header.to, localDate(header.from, header.tz), localDate(header.to, header.tz), header.status];
    const totals: Cell[][] = [];
    const total = (rowType: string, project: string | null, t: MeasurementTotal): Cell[] =>
      [rowType, text(project), t.measurementKey, t.usage, t.usageUnit, t.samples, t.expected, t.coverage, number(t.amount), t.currency];
    for await (const row of rows) {
      // Backpressure: the zip writer stops when the response is full; wait for it rather than buffer rows.
      if (out.writableNeedDrain && !out.destroyed) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      if (out.destroyed) return; // the caller went away; streamTo closes the lines
      if (row.rowType === 'line') {
        const l = row.line;
        const cells: Cell[] = [
          text(header.clientName), text(header.clientBillingRef), text(l.projectName), text(l.resourceName), l.resourceId, text(l.resourceType), l.resourceActive,
          l.measurementKey, l.usage, l.usageUnit, number(l.displayUsage), l.displayUnit, l.samples, l.expected, l.coverage,
          number(l.unitPrice), l.priceUnit, number(l.amount), l.currency, text(l.pricing), l.corrections, l.correctedAt, ...window,
          text(JSON.stringify(l.labels)), text(l.projectBillingRef),
        ];
        lines.addRow(cells).commit();
      } else if (row.rowType === 'project_subtotal') totals.push(total('project_subtotal', row.projectName, row.total));
      else if (row.rowType === 'client_total') totals.push(total('client_total', null, row.total));
      else {
        const project = row.rowType === 'project_amount' ? text(row.projectName) : null;
        totals.push([row.rowType, project, null, null, null, null, null, null, number(row.total.amount), row.total.currency]);
      }
    }
    lines.commit();
    const sums = sheet(wb, 'Totals', [
      { header: 'Row type', width: 16 }, { header: 'Project', width: 18 }, { header: 'Measurement', width: 16 }, { header: 'Usage', width: 16, numFmt: '#,##0.000' },
      { header: 'Usage unit', width: 10 }, { header: 'Samples', width: 10, numFmt: '0' }, { header: 'Expected', width: 10, numFmt: '0' },
      { header: 'Coverage', width: 10, numFmt: '0.00%' }, { header: 'Amount', width: 12, numFmt: money }, { header: 'Currency', width: 9 },
    ]);
    for (const cells of totals) sums.addRow(cells).commit();
    sums.commit();
    await wb.commit();
  })().catch((e: unknown) => out.destroy(e as Error));
  return out;
}
