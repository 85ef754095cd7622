import type { PlatformContent } from "@/lib/push/platform-content";
import { AppIcon, EmptyText, PreviewImage, SilentNotice } from "./preview-parts";

/** How the push looks on an iPhone lock screen, with the buttons a long press reveals. */
export function IosLockScreen({
  content,
  appName,
}: {
  content: PlatformContent<"ios">;
  appName: string;
}) {
  const actions = content.actions ?? [];
  return (
    <div className="relative mx-auto h-[400px] w-[280px] overflow-hidden rounded-[2.6rem] bg-gradient-to-b from-indigo-500 via-fuchsia-400 to-amber-200 px-3 pt-3 shadow-lg ring-[7px] ring-slate-900">
      <div className="mx-auto h-6 w-24 rounded-full bg-slate-900" aria-hidden="true" />
      <div className="mt-3 text-center text-white" aria-hidden="true">
        <p className="text-sm font-medium opacity-90">Tuesday 24 November</p>
        <p className="text-5xl leading-tight font-semibold tracking-tight">9:41</p>
      </div>
      <div className="mt-4 space-y-2">
        {content.silent ? (
          <SilentNotice />
        ) : (
          <>
            <div className="flex gap-2.5 rounded-[1.3rem] bg-white/80 px-3 py-2.5 shadow-sm backdrop-blur-md">
              <AppIcon appName={appName} className="mt-0.5 size-8 rounded-[0.5rem] text-sm" />
              <div className="min-w-0 flex-1 text-[13px] leading-[1.3] text-slate-900">
                <div className="flex items-baseline justify-between gap-2">
                  <p dir="auto" className="truncate font-semibold">
                    {content.title || <EmptyText>Title</EmptyText>}
                  </p>
                  <span className="shrink-0 text-[11px] text-slate-500">now</span>
                </div>
                {content.ios.subtitle && (
                  <p dir="auto" className="truncate font-medium">
                    {content.ios.subtitle}
                  </p>
                )}
                <p dir="auto" className="line-clamp-4 whitespace-pre-line break-words">
                  {content.body || (!content.title && <EmptyText>Message</EmptyText>)}
                </p>
              </div>
              <PreviewImage src={content.imageUrl} className="mt-0.5 size-10 shrink-0 rounded-md" />
            </div>
            {actions.length > 0 && (
              <div className="ml-10 overflow-hidden rounded-xl bg-white/75 text-[13px] text-slate-900 shadow-sm backdrop-blur-md">
                <p className="px-3 pt-1.5 text-[10px] text-slate-500 uppercase">On long press</p>
                <ul className="divide-y divide-slate-300/60">
                  {actions.slice(0, 4).map((action) => (
                    <li key={action.id} className="truncate px-3 py-1.5">
                      {action.title}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </>
        )}
      </div>
      <div
        className="absolute bottom-2 left-1/2 h-1 w-28 -translate-x-1/2 rounded-full bg-white/80"
        aria-hidden="true"
      />
    </div>
  );
}
