import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody } from "@/components/ui/card";
import { type Benchmark, compareToBenchmark } from "@/lib/analytics/benchmarks";
import { formatRange } from "@/lib/analytics/format";

// Whether more is better decides the colour: an open rate above its range is
// good news, an opt-out rate above its range is not.
const verdictTone = {
  up: { below: "yellow", within: "green", above: "blue" },
  down: { below: "green", within: "green", above: "yellow" },
} as const;

/** A headline figure with what it means: a rate, and where it stands against its industry range. */
export function KpiTile({
  label,
  value,
  detail,
  benchmark,
  benchmarkValue = null,
  goodDirection = "up",
  rangeUnit = "%",
  testId,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  benchmark?: Benchmark | null;
  benchmarkValue?: number | null;
  goodDirection?: "up" | "down";
  /** The unit the benchmark range is written in. */
  rangeUnit?: string;
  testId: string;
}) {
  const verdict = benchmark ? compareToBenchmark(benchmarkValue, benchmark) : null;
  return (
    <Card>
      <CardBody className="space-y-1">
        <p className="text-sm text-slate-500">{label}</p>
        <p
          className="text-2xl font-semibold tabular-nums text-slate-900"
          data-testid={`kpi-${testId}`}
        >
          {value}
        </p>
        {detail && (
          <p className="text-sm text-slate-600 tabular-nums" data-testid={`kpi-${testId}-detail`}>
            {detail}
          </p>
        )}
        {benchmark && (
          <p className="flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
            <span>Typical {formatRange(benchmark.low, benchmark.high, rangeUnit)}</span>
            {verdict && (
              <Badge tone={verdictTone[goodDirection][verdict]}>
                {verdict === "within" ? "in range" : verdict}
              </Badge>
            )}
          </p>
        )}
      </CardBody>
    </Card>
  );
}
