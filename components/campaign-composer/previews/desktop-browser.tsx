import type { PlatformContent } from "@/lib/push/platform-content";
import { EmptyText, PreviewImage, SilentNotice } from "./preview-parts";

/** How Chrome on macOS shows a web push: a banner at the top right of the desktop. */
export function DesktopBrowser({
  content,
  origin,
}: {
  content: PlatformContent<"web">;
  origin: string;
}) {
  const actions = content.actions ?? [];
  return (
    <div className="mx-auto w-full max-w-[360px] overflow-hidden rounded-xl shadow-lg ring-1 ring-slate-300">
      <div
        className="flex h-5 items-center gap-3 bg-slate-900/85 px-3 text-[10px] text-slate-200"
        aria-hidden="true"
      >
        <span className="font-semibold">Chrome</span>
        <span>File</span>
        <span>Edit</span>
        <span className="ml-auto">Tue 9:41</span>
      </div>
      <div className="relative h-[240px] bg-gradient-to-br from-sky-300 via-indigo-300 to-violet-400 p-3">
        {content.silent ? (
          <div className="ml-auto w-[280px]">
            <SilentNotice />
          </div>
        ) : (
          <div className="ml-auto w-[290px] rounded-2xl bg-white/85 p-2.5 text-slate-900 shadow-xl backdrop-blur-md">
            <div className="flex gap-2.5">
              <span
                aria-hidden="true"
                className="mt-0.5 size-8 shrink-0 rounded-full bg-[conic-gradient(#ea4335_0_33%,#fbbc05_0_66%,#34a853_0)] p-[7px]"
              >
                <span className="block size-full rounded-full bg-blue-500 ring-2 ring-white" />
              </span>
              <div className="min-w-0 flex-1 text-xs leading-snug">
                <p className="flex justify-between gap-2">
                  <span dir="auto" className="truncate font-semibold">
                    {content.title || <EmptyText>Title</EmptyText>}
                  </span>
                  <span className="shrink-0 text-[10px] text-slate-500">now</span>
                </p>
                <p className="truncate text-[11px] text-slate-500">{origin}</p>
                <p dir="auto" className="line-clamp-2 break-words">
                  {content.body || (!content.title && <EmptyText>Message</EmptyText>)}
                </p>
              </div>
              <PreviewImage src={content.iconUrl} className="size-10 shrink-0 rounded-md" />
            </div>
            {actions.length > 0 && (
              <div className="mt-2 flex gap-1.5 border-t border-slate-200 pt-2">
                {actions.slice(0, 2).map((action) => (
                  <span
                    key={action.id}
                    className="min-w-0 flex-1 truncate rounded-md bg-slate-200/70 px-2 py-1 text-center text-[11px] font-medium"
                  >
                    {action.title}
                  </span>
                ))}
              </div>
            )}
          </div>
        )}
        {content.web.requireInteraction && !content.silent && (
          <p className="absolute right-3 bottom-3 rounded bg-white/70 px-2 py-0.5 text-[10px] text-slate-700">
            Stays until clicked or closed
          </p>
        )}
      </div>
    </div>
  );
}
