"use client";

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { bucketLabels, formatTick, type ValueFormat } from "./chart-format";
import { ChartTooltip } from "./chart-tooltip";

export interface TimeSeries<Row> {
  key: string;
  label: string;
  color: string;
  value: (row: Row) => number | null;
}

export interface Band {
  low: number | null;
  high: number | null;
  label: string;
}

/**
 * Lines over time buckets (days or hours). A null value (a rate with nothing
 * to divide by) breaks the line instead of drawing a false 0; an optional
 * band shades a healthy range behind the lines.
 */
export function TimeSeriesChart<Row extends { key: string }>({
  rows,
  series,
  format,
  granularity,
  timezone,
  band,
  height = 240,
  label,
}: {
  rows: readonly Row[];
  series: readonly TimeSeries<Row>[];
  format: ValueFormat;
  granularity: "hour" | "day";
  timezone: string;
  band?: Band | null;
  height?: number;
  /** What the chart shows, for screen readers. */
  label: string;
}) {
  const data = rows.map((row) => {
    const point: Record<string, string | number | null> = { bucket: row.key };
    for (const entry of series) point[entry.key] = entry.value(row);
    return point;
  });
  const tooltipSeries = series.map((entry) => ({ ...entry, format }));
  return (
    <figure aria-label={label} className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          {band && (
            <ReferenceArea
              y1={band.low ?? undefined}
              y2={band.high ?? undefined}
              fill="#10b981"
              fillOpacity={0.08}
              ifOverflow="extendDomain"
              label={{
                value: band.label,
                position: "insideTopRight",
                fill: "#047857",
                fontSize: 11,
              }}
            />
          )}
          <XAxis
            dataKey="bucket"
            tickFormatter={(key: string) => bucketLabels(key, granularity, timezone).short}
            tick={{ fontSize: 11, fill: "#64748b" }}
            tickLine={false}
            axisLine={{ stroke: "#cbd5e1" }}
            minTickGap={24}
          />
          <YAxis
            tickFormatter={(value: number) => formatTick(value, format)}
            tick={{ fontSize: 11, fill: "#64748b" }}
            tickLine={false}
            axisLine={false}
            width={56}
            allowDecimals={format !== "count"}
          />
          <Tooltip
            content={(props) => (
              <ChartTooltip
                active={props.active}
                payload={props.payload}
                series={tooltipSeries}
                title={(row) => bucketLabels(String(row.bucket), granularity, timezone).long}
              />
            )}
          />
          {series.length > 1 && (
            <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          )}
          {series.map((entry) => (
            <Line
              key={entry.key}
              dataKey={entry.key}
              name={entry.label}
              stroke={entry.color}
              strokeWidth={2}
              dot={rows.length <= 31 ? { r: 2 } : false}
              connectNulls={false}
              isAnimationActive={false}
              // Straight segments: a curve would suggest values between buckets that no one measured.
              type="linear"
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
