"use client";

import { formatBytes } from "@/components/campaigns/format";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { platformLimits } from "@/lib/push/limits";
import type { PayloadSize } from "@/lib/push/measure-payload-sizes";
import { type PlatformKey, platformKeys } from "./content-draft";

type Sizes = Partial<Record<PlatformKey, PayloadSize>>;

/** Close to the limit is worth a warning before it becomes an error. */
const warnAtShare = 0.85;

function toneOf(size: PayloadSize | undefined): "ok" | "warn" | "over" {
  if (!size) return "ok";
  if (!size.fits) return "over";
  return size.bytes !== null && size.bytes >= size.limit * warnAtShare ? "warn" : "ok";
}

const barColor = { ok: "bg-emerald-500", warn: "bg-amber-500", over: "bg-red-500" } as const;

/**
 * The live byte counter: each platform's payload (built by the same code that
 * sends it, with the widest ids) against that platform's limit, plus the
 * platform rules the builders enforce, before anything is saved.
 */
export function PayloadMeter({
  sizes,
  personalizedSizes,
  personalizedFor,
  targeted,
  onTrimButtons,
}: {
  sizes: Sizes;
  /** Sizes after rendering for the preview subscriber, when one is chosen. */
  personalizedSizes: Sizes | null;
  personalizedFor: string | null;
  targeted: readonly PlatformKey[];
  /** Offers to keep only the buttons a platform shows, in that platform's overrides. */
  onTrimButtons: (platform: PlatformKey) => void;
}) {
  return (
    <section aria-labelledby="payload-meter-title" className="space-y-3">
      <h3 id="payload-meter-title" className="text-sm font-semibold text-slate-900">
        Payload size
      </h3>
      <ul className="space-y-3" data-testid="payload-meter">
        {platformKeys.map((platform) => {
          const size = sizes[platform];
          const isTargeted = targeted.includes(platform);
          const tone = toneOf(size);
          const percent =
            size?.bytes != null ? Math.min(100, Math.round((size.bytes / size.limit) * 100)) : 100;
          const personalized = personalizedSizes?.[platform];
          const isButtonProblem = Boolean(size?.problem?.includes("action buttons"));
          return (
            <li
              key={platform}
              className={cn("space-y-1", !isTargeted && "opacity-50")}
              data-testid={`payload-${platform}`}
            >
              <div className="flex items-baseline justify-between gap-2 text-xs">
                <span className="font-medium text-slate-700">
                  {platformLimits[platform].label}
                  {!isTargeted && (
                    <span className="font-normal text-slate-500"> · not targeted</span>
                  )}
                </span>
                <span
                  className={cn(
                    "tabular-nums",
                    tone === "over"
                      ? "font-semibold text-red-700"
                      : tone === "warn"
                        ? "text-amber-700"
                        : "text-slate-600",
                  )}
                >
                  {size?.bytes != null ? formatBytes(size.bytes) : "—"} /{" "}
                  {formatBytes(platformLimits[platform].payloadBytes)}
                </span>
              </div>
              <div className="h-1.5 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                <div
                  className={cn("h-full rounded-full transition-[width]", barColor[tone])}
                  style={{ width: `${percent}%` }}
                />
              </div>
              {personalized?.bytes != null && personalizedFor && (
                <p className="text-xs text-slate-500">
                  For {personalizedFor}: {formatBytes(personalized.bytes)}
                  {!personalized.fits && (
                    <span className="font-medium text-red-700"> — too large</span>
                  )}
                </p>
              )}
              {size?.problem && isTargeted && (
                <div
                  role="alert"
                  className="flex flex-wrap items-center gap-2 text-xs font-medium text-red-700"
                >
                  <span>{size.problem}</span>
                  {isButtonProblem && (
                    <Button variant="secondary" size="sm" onClick={() => onTrimButtons(platform)}>
                      Keep the first {platformLimits[platform].actions} on{" "}
                      {platformLimits[platform].label.split(" ")[0]}
                    </Button>
                  )}
                </div>
              )}
              {tone === "warn" && isTargeted && (
                <p className="text-xs text-amber-700">
                  Close to the limit: personalised text may push it over for some subscribers.
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <p className="text-xs text-slate-500">
        Buttons: iOS shows up to 4, Android 3, web 2. Sizes include Herald's tracking block.
      </p>
    </section>
  );
}
