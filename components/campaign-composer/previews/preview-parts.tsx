"use client";

import { useState } from "react";
import { cn } from "@/components/ui/cn";

/** A remote image in a preview: hidden while the URL is half-typed or unreachable. */
export function PreviewImage({ src, className }: { src: string | undefined; className?: string }) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  if (!src || failedSrc === src || !src.startsWith("https://")) return null;
  return (
    // biome-ignore lint/performance/noImgElement: any https URL a marketer types; next/image needs configured hosts
    <img
      src={src}
      alt=""
      referrerPolicy="no-referrer"
      onError={() => setFailedSrc(src)}
      className={cn("object-cover", className)}
    />
  );
}

/** The app's icon as a rounded square with its initial. */
export function AppIcon({ appName, className }: { appName: string; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "flex shrink-0 items-center justify-center bg-brand-600 font-semibold text-white",
        className,
      )}
    >
      {appName.trim().charAt(0).toUpperCase() || "H"}
    </span>
  );
}

export function SilentNotice({ tone = "light" }: { tone?: "light" | "dark" }) {
  return (
    <p
      className={cn(
        "rounded-2xl px-3 py-3 text-center text-xs",
        tone === "dark" ? "bg-white/10 text-slate-200" : "bg-white/70 text-slate-600",
      )}
    >
      Silent push: nothing is shown. The app wakes in the background with the data.
    </p>
  );
}

export function EmptyText({ children }: { children: string }) {
  return <span className="text-slate-400 italic">{children}</span>;
}
