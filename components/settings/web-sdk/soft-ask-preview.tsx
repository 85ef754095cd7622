import { cn } from "@/components/ui/cn";

export interface SoftAskPreviewProps {
  title: string;
  body: string;
  acceptLabel: string;
  declineLabel: string;
  isDark: boolean;
}

/**
 * The card herald-sdk.js shows, drawn with the same sizes and colours (its
 * styles live in the SDK's shadow root; keep the two in step), on a stand-in
 * page corner so the marketer sees it as a visitor will.
 */
export function SoftAskPreview({
  title,
  body,
  acceptLabel,
  declineLabel,
  isDark,
}: SoftAskPreviewProps) {
  return (
    <div
      className={cn(
        "relative flex min-h-52 items-end justify-end overflow-hidden rounded-lg p-4 ring-1 ring-inset",
        isDark ? "bg-slate-800 ring-slate-700" : "bg-slate-50 ring-slate-200",
      )}
      data-testid="soft-ask-preview"
    >
      {/* The visitor's page, suggested. */}
      <div aria-hidden="true" className="absolute inset-x-4 top-4 space-y-2">
        <div className={cn("h-3 w-1/3 rounded", isDark ? "bg-slate-700" : "bg-slate-200")} />
        <div className={cn("h-2 w-2/3 rounded", isDark ? "bg-slate-700" : "bg-slate-200")} />
        <div className={cn("h-2 w-1/2 rounded", isDark ? "bg-slate-700" : "bg-slate-200")} />
      </div>
      <div
        className={cn(
          "relative flex w-full max-w-[360px] gap-3 rounded-xl p-4 text-left text-sm shadow-xl ring-1",
          isDark
            ? "bg-slate-900 text-slate-100 ring-slate-400/25"
            : "bg-white text-slate-900 ring-slate-900/10",
        )}
      >
        <span className="flex size-9 shrink-0 items-center justify-center rounded-full bg-blue-600/10 text-blue-600">
          <svg
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth={2}
            strokeLinecap="round"
            strokeLinejoin="round"
            aria-hidden="true"
            className="size-5"
          >
            <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
            <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
          </svg>
        </span>
        <div className="min-w-0 flex-1">
          <p className="text-[15px] font-semibold break-words">{title || "Title"}</p>
          {body && (
            <p className={cn("mt-1 break-words", isDark ? "text-slate-300" : "text-slate-600")}>
              {body}
            </p>
          )}
          <div className="mt-3 flex flex-wrap justify-end gap-2">
            <span
              className={cn(
                "rounded-lg px-3.5 py-2 font-semibold ring-1 ring-inset",
                isDark ? "text-slate-200 ring-slate-600" : "text-slate-700 ring-slate-300",
              )}
            >
              {declineLabel || "Decline"}
            </span>
            <span className="rounded-lg bg-blue-600 px-3.5 py-2 font-semibold text-white">
              {acceptLabel || "Accept"}
            </span>
          </div>
        </div>
      </div>
    </div>
  );
}
