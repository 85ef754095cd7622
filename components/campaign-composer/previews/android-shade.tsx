import type { PlatformContent } from "@/lib/push/platform-content";
import { EmptyText, PreviewImage, SilentNotice } from "./preview-parts";

/** How the push looks expanded in the Android notification shade (Material 3). */
export function AndroidShade({
  content,
  appName,
}: {
  content: PlatformContent<"android">;
  appName: string;
}) {
  const accent = content.android.color ?? "#4f46e5";
  const actions = content.actions ?? [];
  return (
    <div className="mx-auto h-[400px] w-[280px] overflow-hidden rounded-[2.2rem] bg-slate-800 px-3 pt-3 shadow-lg ring-[7px] ring-slate-900">
      <div
        className="flex items-center justify-between px-3 text-xs text-slate-200"
        aria-hidden="true"
      >
        <span>9:41</span>
        <span className="flex gap-1">
          <span className="size-2.5 rounded-sm bg-slate-300" />
          <span className="h-2.5 w-4 rounded-sm bg-slate-300" />
        </span>
      </div>
      <div className="mt-3 mb-3 grid grid-cols-4 gap-2 px-1" aria-hidden="true">
        {[0, 1, 2, 3].map((tile) => (
          <span key={tile} className="h-9 rounded-full bg-slate-600/70" />
        ))}
      </div>
      {content.silent ? (
        <SilentNotice tone="dark" />
      ) : (
        <div className="rounded-3xl bg-slate-100 px-3.5 py-3 text-slate-900">
          <div className="flex items-center gap-1.5 text-[11px] text-slate-600">
            <span
              aria-hidden="true"
              className="flex size-4 items-center justify-center rounded-full text-[9px] font-bold text-white"
              style={{ backgroundColor: accent }}
            >
              {appName.charAt(0).toUpperCase() || "H"}
            </span>
            <span style={{ color: accent }} className="font-medium">
              {appName}
            </span>
            <span>• now</span>
            <span className="ml-auto" aria-hidden="true">
              ⌃
            </span>
          </div>
          <div className="mt-1.5 flex gap-2">
            <div className="min-w-0 flex-1">
              <p dir="auto" className="truncate text-sm font-medium">
                {content.title || <EmptyText>Title</EmptyText>}
              </p>
              <p
                dir="auto"
                className="line-clamp-3 text-[13px] leading-snug whitespace-pre-line break-words text-slate-700"
              >
                {content.body || (!content.title && <EmptyText>Message</EmptyText>)}
              </p>
            </div>
            <PreviewImage src={content.iconUrl} className="size-9 shrink-0 rounded-full" />
          </div>
          <PreviewImage src={content.imageUrl} className="mt-2 h-28 w-full rounded-xl" />
          {actions.length > 0 && (
            <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
              {actions.slice(0, 3).map((action) => (
                <span
                  key={action.id}
                  className="truncate text-[13px] font-medium"
                  style={{ color: accent }}
                >
                  {action.title}
                </span>
              ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
