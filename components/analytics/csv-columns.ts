import type { CsvColumn } from "@/lib/csv/to-csv";

interface HasFunnel {
  sent: number;
  delivered: number;
  opened: number;
  dismissed: number;
  converted: number;
  revenue: number;
}

interface HasRates {
  rates: {
    deliveryRate: number | null;
    openRate: number | null;
    conversionRate: number | null;
    revenuePerPush: number | null;
  };
}

/** The funnel columns every delivery table exports, with the API's exact values. */
export function funnelCsvColumns<Row extends HasFunnel & HasRates>(): CsvColumn<Row>[] {
  return [
    { header: "Sent", value: (row) => row.sent },
    { header: "Delivered", value: (row) => row.delivered },
    { header: "Opened", value: (row) => row.opened },
    { header: "Dismissed", value: (row) => row.dismissed },
    { header: "Converted", value: (row) => row.converted },
    { header: "Revenue", value: (row) => row.revenue },
    { header: "Delivery rate (%)", value: (row) => row.rates.deliveryRate },
    { header: "Open rate (%)", value: (row) => row.rates.openRate },
    { header: "Conversion rate (%)", value: (row) => row.rates.conversionRate },
    { header: "Revenue per push", value: (row) => row.rates.revenuePerPush },
  ];
}

/** A file name that says what and when: herald-<what>-<from>-<to>.csv. */
export function csvName(what: string, range?: { from: string; to: string }): string {
  return range ? `herald-${what}-${range.from}-to-${range.to}.csv` : `herald-${what}.csv`;
}
