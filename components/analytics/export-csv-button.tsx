"use client";

import { Button } from "@/components/ui/button";
import { type CsvColumn, toCsv } from "@/lib/csv/to-csv";

/** Downloads the rows as CSV, built in the browser from the numbers already on screen. */
export function ExportCsvButton<Row>({
  filename,
  columns,
  rows,
  label = "Export CSV",
}: {
  filename: string;
  columns: readonly CsvColumn<Row>[];
  rows: readonly Row[];
  label?: string;
}) {
  return (
    <Button
      variant="secondary"
      size="sm"
      disabled={rows.length === 0}
      onClick={() => {
        // The byte-order mark makes spreadsheet apps read the file as UTF-8 (the "—" and "–").
        const blob = new Blob([`\uFEFF${toCsv(columns, rows)}`], {
          type: "text/csv;charset=utf-8",
        });
        const url = URL.createObjectURL(blob);
        const link = document.createElement("a");
        link.href = url;
        link.download = filename.endsWith(".csv") ? filename : `${filename}.csv`;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1_000);
      }}
    >
      {label}
    </Button>
  );
}
