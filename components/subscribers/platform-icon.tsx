import type { DeviceDto } from "@/lib/devices/schemas";
import { platformLabels } from "./display";

const paths: Record<DeviceDto["platform"], string> = {
  // A phone with a notch.
  ios: "M7 2.5h6A1.5 1.5 0 0 1 14.5 4v12a1.5 1.5 0 0 1-1.5 1.5H7A1.5 1.5 0 0 1 5.5 16V4A1.5 1.5 0 0 1 7 2.5Zm1.5 1.25v.5h3v-.5h-3ZM9 15.5h2",
  // The Android robot: a half-dome head with antennae, over a body.
  android:
    "M5 11a5 5 0 0 1 10 0ZM7.2 6.3 6.3 5m6.5 1.3.9-1.3M8 8.75h.01M12 8.75h.01M5 12.5h10v3.5a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 5 16Z",
  // A globe.
  web: "M10 2.75a7.25 7.25 0 1 0 0 14.5 7.25 7.25 0 0 0 0-14.5Zm-7.25 7.25h14.5M10 2.75c-2 2-2.75 4.5-2.75 7.25S8 15.25 10 17.25M10 2.75c2 2 2.75 4.5 2.75 7.25S12 15.25 10 17.25",
};

export function PlatformIcon({
  platform,
  className = "size-4",
}: {
  platform: DeviceDto["platform"];
  className?: string;
}) {
  return (
    <svg
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      role="img"
      aria-label={platformLabels[platform]}
    >
      <path d={paths[platform]} />
    </svg>
  );
}
