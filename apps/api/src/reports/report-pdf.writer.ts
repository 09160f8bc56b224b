import PDFDocument from 'pdfkit';
import { isoInZone, MeasurementTotal, ReportHeader, ReportLine, ReportRow } from '@tally/reports';
import { once } from 'node:events';
import type { Readable } from 'node:stream';

const MARGIN = 40;
/** Columns of a statement line: x position, width, alignment. */
const COLUMNS = {
  resource: { x: MARGIN, w: 150, align: 'left' },
  measurement: { x: 195, w: 90, align: 'left' },
  usage: { x: 290, w: 110, align: 'right' },
  price: { x: 405, w: 75, align: 'right' },
  amount: { x: 485, w: 70, align: 'right' },
} as const;
type ColumnName = keyof typeof COLUMNS;

/** Cut to fit one line of a column; the standard PDF fonts have no glyphs beyond Latin-1, so others become '?'. */
function fit(text: string, max: number): string {
  const latin1 = text.replace(/[^\u0020-\u007e\u00a0-\u00ff\u00b7]/g, '?');
  return latin1.length > max ? `${latin1.slice(0, max - 3)}...` : latin1;
}

const localTime = (d: Date, tz: string) => isoInZone(d, tz).replace('T', ' ').replace(/:00([+-]\d\d:\d\d)$/, ' $1');

/**
 * A printable statement per client and window: a header with the client and its billing
 * reference, the lines grouped by project (usage in display units, price, amount), each
 * project's amount, the client's total, and notes on coverage and corrections. Written as the
 * rows stream (pdfkit flushes page by page), so nothing but the current page is held.
 */
export function reportPdf(header: ReportHeader, rows: AsyncIterable<ReportRow>, issuer: string): Readable {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `Usage statement ${header.clientName}`, Author: issuer, Producer: 'Tally' } });
  const bottom = () => doc.page.height - MARGIN - 30;
  const cell = (name: ColumnName, text: string, y: number) => {
    const c = COLUMNS[name];
    doc.text(text, c.x, y, { width: c.w, align: c.align, lineBreak: false });
  };
  const row = (cells: Partial<Record<ColumnName, string>>, bold = false) => {
    if (doc.y > bottom()) {
      doc.addPage();
      tableHead();
    }
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    for (const [name, text] of Object.entries(cells)) cell(name as ColumnName, text ?? '', y);
    doc.x = MARGIN;
    doc.y = y + 13;
  };
  const tableHead = () => row({ resource: 'Resource', measurement: 'Measurement', usage: 'Usage', price: 'Unit price', amount: `Amount${currency ? ` ${currency}` : ''}` }, true);
  const currency = header.pricing?.currency ?? null;

  doc.font('Helvetica-Bold').fontSize(16).text('Usage statement');
  doc.font('Helvetica').fontSize(10).moveDown(0.5);
  doc.text(`Issued by: ${fit(issuer, 90)}`);
  doc.text(`Client: ${fit(header.clientName, 90)}`);
  doc.text(`Billing reference: ${header.clientBillingRef ? fit(header.clientBillingRef, 60) : '(none)'}`);
  doc.text(`Client id: ${header.clientId}`);
  doc.text(`Period: ${localTime(header.from, header.tz)} to ${localTime(header.to, header.tz)} (${header.tz}, end exclusive)`);
  doc.text(`Period (UTC): ${header.from.toISOString()} to ${header.to.toISOString()}`);
  doc.text(`Status: ${header.status}; generated ${header.generatedAt.toISOString()}`);
  doc.text(currency ? `Rate card: ${fit(header.pricing!.rateCardName, 60)} (${currency})` : 'No rate card is assigned: usage only, no amounts.');
  doc.moveDown();

  let project: string | null = null;
  let corrected = 0;
  let unpriced = 0;
  let varied = 0;
  const coverage: MeasurementTotal[] = [];
  const line = (l: ReportLine) => {
    if (l.corrections > 0) corrected++;
    if (l.amount === null) unpriced++;
    if (l.unitPrice === null && l.amount !== null) varied++;
    const price = l.unitPrice === null ? (l.amount === null ? '' : 'varies') : `${l.unitPrice}/${l.priceUnit}`;
    row({
      resource: fit(l.resourceName, 32) + (l.resourceActive ? '' : ' (inactive)'), measurement: fit(l.measurementKey, 20), usage: `${l.displayUsage} ${l.displayUnit}`,
      price: fit(price, 18), amount: l.amount === null ? 'not priced' : l.amount + (l.corrections > 0 ? ' *' : ''),
    });
  };

  void (async () => {
    for await (const r of rows) {
      // Backpressure: wait while the reader has more than a few pages unread (pipe pauses the document then).
      while (doc.readableLength > 1 << 20 && !doc.destroyed) await Promise.race([once(doc, 'data'), once(doc, 'close')]);
      if (doc.destroyed) return; // the caller went away; streamTo closes the lines
      if (r.rowType === 'line') {
        if (project !== r.line.projectId) {
          project = r.line.projectId;
          if (doc.y > bottom() - 40) doc.addPage();
          doc.moveDown(0.5).font('Helvetica-Bold').fontSize(11).text(`Project ${fit(r.line.projectName, 60)}${r.line.projectBillingRef ? ` (reference ${fit(r.line.projectBillingRef, 30)})` : ''}`, MARGIN);
          tableHead();
        }
        line(r.line);
      } else if (r.rowType === 'project_amount') row({ usage: `Project ${fit(r.projectName, 30)}`, amount: r.total.amount ?? 'not priced' }, true);
      else if (r.rowType === 'client_total') coverage.push(r.total);
      else if (r.rowType === 'client_amount') {
        doc.moveDown();
        row({ usage: 'Total', price: r.total.currency, amount: r.total.amount ?? 'not priced' }, true);
      }
    }
    doc.moveDown();
    doc.font('Helvetica').fontSize(9);
    const samples = coverage.reduce((s, t) => s + t.samples, 0);
    const expected = coverage.reduce((s, t) => s + t.expected, 0);
    const notes = [
      expected > 0 ? `Coverage: ${samples} of ${expected} expected samples (${((100 * samples) / expected).toFixed(1)} %).` : 'Coverage: no samples were expected in this period.',
      corrected ? `Corrections: ${corrected} line(s) marked * were changed by a correction.` : 'Corrections: none in this period.',
      'Amounts: usage x price exactly, rounded once per line to the minor unit (half-even); totals are sums of the rounded lines.',
      ...(varied ? [`Unit price "varies": ${varied} line(s) were priced at more than one rate (a price change in the period, or tiers); the CSV and JSON pricing column lists the parts.`] : []),
      ...(unpriced ? [`${unpriced} line(s) have no price and are not billed.`] : []),
      ...(header.status === 'provisional' ? ['This period is not closed yet: figures may still change.'] : []),
    ];
    for (const n of notes) doc.text(n, MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN });
    doc.end();
  })().catch((e: unknown) => doc.destroy(e as Error));
  return doc as unknown as Readable;
}
