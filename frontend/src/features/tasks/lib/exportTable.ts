/**
 * The exported task table (CSV and XLSX share it): one header row, then one row per task,
 * in the table's column order. Plain data in, plain data out — the page supplies the labels.
 */
export interface ExportableTask {
  code: string;
  title: string;
  dueDate?: string | null;
  status: string;
  progress: number;
  isOverdue: boolean;
  leadUnit: { name: string };
  coordinatingUnits: readonly { name: string }[];
}

export const EXPORT_COLUMNS = [
  'code',
  'title',
  'leadUnit',
  'coordinatingUnits',
  'dueDate',
  'progress',
  'status',
  'overdue',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** A cell: text, a number, a calendar date (ISO), or empty. */
export type ExportCell = string | number | { date: string } | null;

export interface ExportTable {
  header: string[];
  rows: ExportCell[][];
}

export interface ExportLabels {
  header: Readonly<Record<ExportColumn, string>>;
  status: (status: string) => string;
  yes: string;
  no: string;
}

/** Coordinating units are listed in one cell, separated by "; ". */
export const LIST_SEPARATOR = '; ';

export function buildExportTable(tasks: readonly ExportableTask[], labels: ExportLabels): ExportTable {
  return {
    header: EXPORT_COLUMNS.map((c) => labels.header[c]),
    rows: tasks.map((t) => [
      t.code,
      t.title,
      t.leadUnit.name,
      t.coordinatingUnits.map((u) => u.name).join(LIST_SEPARATOR),
      t.dueDate ? { date: t.dueDate } : null,
      t.progress,
      labels.status(t.status),
      t.isOverdue ? labels.yes : labels.no,
    ]),
  };
}

/** dd/MM/yyyy from an ISO date, without time zones getting involved. */
export function isoToDayMonthYear(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3] ?? ''}/${m[2] ?? ''}/${m[1] ?? ''}` : iso;
}

/**
 * A text cell as a spreadsheet will not run it: a leading = + - @ (or tab / CR) would start a
 * formula when the CSV is opened in Excel, so such cells get a leading apostrophe.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(cell: ExportCell): string {
  let text: string;
  if (cell === null) text = '';
  else if (typeof cell === 'number') text = String(cell);
  else if (typeof cell === 'string') text = neutraliseFormula(cell);
  else text = isoToDayMonthYear(cell.date);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV (comma, CRLF) with a UTF-8 byte order mark so Excel reads Vietnamese right. */
export function toCsv(table: ExportTable): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** "nhiem-vu-2026-11-25.csv": the name of the downloaded file. */
export function exportFileName(base: string, todayIso: string, extension: 'csv' | 'xlsx'): string {
  return `${base}-${todayIso}.${extension}`;
}
