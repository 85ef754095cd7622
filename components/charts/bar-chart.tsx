"use client";

import {
  Bar,
  CartesianGrid,
  Legend,
  BarChart as RechartsBarChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatTick, type ValueFormat } from "./chart-format";
import { ChartTooltip } from "./chart-tooltip";

export interface BarSeries<Row> {
  key: string;
  label: string;
  color: string;
  format: ValueFormat;
  value: (row: Row) => number | null;
  /** A second scale on the right, for a series of another magnitude. */
  axis?: "left" | "right";
  /** Series with the same stack id sit on top of each other. */
  stackId?: string;
}

/**
 * Bars over categories (histogram buckets, hours after send, platforms).
 * `layout="horizontal"` lays the categories down the side, for long labels.
 */
export function BarChart<Row>({
  rows,
  category,
  series,
  height = 240,
  layout = "vertical",
  label,
  title,
}: {
  rows: readonly Row[];
  category: (row: Row) => string;
  series: readonly BarSeries<Row>[];
  height?: number;
  layout?: "vertical" | "horizontal";
  label: string;
  /** The tooltip's title for a category; the category itself by default. */
  title?: (category: string) => string;
}) {
  const data = rows.map((row) => {
    const point: Record<string, string | number | null> = { category: category(row) };
    for (const entry of series) point[entry.key] = entry.value(row);
    return point;
  });
  const leftFormat = series.find((entry) => entry.axis !== "right")?.format ?? "count";
  const rightFormat = series.find((entry) => entry.axis === "right")?.format;
  const isHorizontal = layout === "horizontal";
  const tick = { fontSize: 11, fill: "#64748b" };
  return (
    <figure aria-label={label} className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <RechartsBarChart
          data={data}
          layout={isHorizontal ? "vertical" : "horizontal"}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid stroke="#e2e8f0" vertical={isHorizontal} horizontal={!isHorizontal} />
          {isHorizontal ? (
            <>
              <XAxis
                type="number"
                tickFormatter={(value: number) => formatTick(value, leftFormat)}
                tick={tick}
                tickLine={false}
                axisLine={false}
              />
              <YAxis
                type="category"
                dataKey="category"
                tick={tick}
                tickLine={false}
                axisLine={{ stroke: "#cbd5e1" }}
                width={88}
              />
            </>
          ) : (
            <>
              <XAxis
                dataKey="category"
                tick={tick}
                tickLine={false}
                axisLine={{ stroke: "#cbd5e1" }}
                // A dozen buckets or fewer: label every one (a histogram with gaps in its axis
                // misleads), slanted when there are many so the labels do not collide.
                interval={rows.length <= 12 ? 0 : "preserveStartEnd"}
                angle={rows.length > 6 && rows.length <= 12 ? -30 : 0}
                textAnchor={rows.length > 6 && rows.length <= 12 ? "end" : "middle"}
                height={rows.length > 6 && rows.length <= 12 ? 48 : 30}
                minTickGap={8}
              />
              <YAxis
                yAxisId="left"
                tickFormatter={(value: number) => formatTick(value, leftFormat)}
                tick={tick}
                tickLine={false}
                axisLine={false}
                width={56}
                allowDecimals={leftFormat !== "count"}
              />
              {rightFormat && (
                <YAxis
                  yAxisId="right"
                  orientation="right"
                  tickFormatter={(value: number) => formatTick(value, rightFormat)}
                  tick={tick}
                  tickLine={false}
                  axisLine={false}
                  width={56}
                  allowDecimals={rightFormat !== "count"}
                />
              )}
            </>
          )}
          <Tooltip
            cursor={{ fill: "#f1f5f9" }}
            content={(props) => (
              <ChartTooltip
                active={props.active}
                payload={props.payload}
                series={series}
                title={(row) => (title ? title(String(row.category)) : String(row.category))}
              />
            )}
          />
          {series.length > 1 && (
            <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          )}
          {series.map((entry) => (
            <Bar
              key={entry.key}
              dataKey={entry.key}
              name={entry.label}
              fill={entry.color}
              stackId={entry.stackId}
              yAxisId={isHorizontal ? undefined : entry.axis === "right" ? "right" : "left"}
              radius={entry.stackId ? 0 : isHorizontal ? [0, 3, 3, 0] : [3, 3, 0, 0]}
              isAnimationActive={false}
              maxBarSize={48}
            />
          ))}
        </RechartsBarChart>
      </ResponsiveContainer>
    </figure>
  );
}
