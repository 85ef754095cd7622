// CSV for every table export (RFC 4180: comma-separated, CRLF, fields with
// commas, quotes or line breaks quoted). Text that a spreadsheet would read
// as a formula (=, +, -, @, and tab or carriage return, which some
// spreadsheets strip first) is prefixed with an apostrophe, so an exported
// campaign named `=HYPERLINK(…)` stays text (OWASP "CSV injection").
// Numbers are written as numbers: -3 is a value, not a formula. Pure: the
// browser builds the file from what the API answered.

export type CsvValue = string | number | boolean | Date | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvValue;
}

const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]|^\s|\s$/;

export function escapeCsvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = value instanceof Date ? value.toISOString() : value;
  if (formulaStart.test(text)) text = `'${text}`;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((column) => escapeCsvCell(column.header)).join(",")];
  for (const row of rows) {
    lines.push(columns.map((column) => escapeCsvCell(column.value(row))).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
