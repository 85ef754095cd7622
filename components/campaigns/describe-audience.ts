import type { Audience } from "@/lib/campaigns/audience";

const platformNames = { ios: "iOS", android: "Android", web: "Web" } as const;

/** "Everyone · iOS and Web only", "Segment “VIPs”", "12 subscribers by external id". */
export function describeAudience(audience: Audience, segmentName: string | null): string {
  const who = (() => {
    switch (audience.type) {
      case "all":
        return "Everyone";
      case "segment":
        return segmentName ? `Segment “${segmentName}”` : "A saved segment";
      case "subscribers":
        return `${audience.externalIds.length.toLocaleString()} subscriber${audience.externalIds.length === 1 ? "" : "s"} by external id`;
      case "devices":
        return `${audience.deviceIds.length.toLocaleString()} device${audience.deviceIds.length === 1 ? "" : "s"}`;
      case "filter":
        return "An inline filter (set through the API)";
      case "test_devices":
        return "Test devices only";
    }
  })();
  if (!audience.platforms || audience.platforms.length === 3) return who;
  const names = audience.platforms.map((platform) => platformNames[platform]);
  return `${who} · ${names.join(" and ")} only`;
}
