import Link from "next/link";
import type { ReactNode } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

function Check({ isOk, children }: { isOk: boolean; children: ReactNode }) {
  return (
    <li className="flex gap-3">
      <span
        aria-hidden="true"
        className={
          isOk
            ? "mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-emerald-100 text-xs font-bold text-emerald-700"
            : "mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-amber-100 text-xs font-bold text-amber-800"
        }
      >
        {isOk ? "✓" : "!"}
      </span>
      <div className="min-w-0 flex-1 text-sm text-slate-700">{children}</div>
    </li>
  );
}

const linkClass = "font-medium text-brand-700 underline-offset-2 hover:underline";

/** What the SDK needs from the app before it can work on a site: origins and VAPID keys. */
export function ReadinessCard({
  appId,
  allowedOrigins,
  isWebPushConfigured,
  canSeeCredentials,
}: {
  appId: string;
  allowedOrigins: string[];
  isWebPushConfigured: boolean;
  canSeeCredentials: boolean;
}) {
  return (
    <Card>
      <CardHeader title="Before you start" />
      <CardBody>
        <ul className="space-y-4">
          <Check isOk={allowedOrigins.length > 0}>
            <p className="font-medium text-slate-900">Allowed origins</p>
            {allowedOrigins.length > 0 ? (
              <>
                <p className="text-slate-500">The SDK answers pages on these sites only.</p>
                <ul className="mt-2 flex flex-wrap gap-2" aria-label="Allowed origins">
                  {allowedOrigins.map((origin) => (
                    <li key={origin}>
                      <code className="rounded-md bg-slate-100 px-2 py-1 text-xs text-slate-800">
                        {origin}
                      </code>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="text-slate-500">
                None yet: the SDK refuses every site until you add yours (e.g.
                https://shop.example.com).
              </p>
            )}
            <Link href={`/apps/${appId}/settings`} className={`mt-2 inline-block ${linkClass}`}>
              Edit allowed origins
            </Link>
          </Check>
          <Check isOk={isWebPushConfigured}>
            <p className="font-medium text-slate-900">Web push keys (VAPID)</p>
            <p className="text-slate-500">
              {isWebPushConfigured
                ? "Configured: browsers subscribe with this app's public key."
                : "Not configured: the SDK cannot subscribe anyone yet."}
            </p>
            {canSeeCredentials && !isWebPushConfigured && (
              <Link
                href={`/apps/${appId}/settings/credentials`}
                className={`mt-2 inline-block ${linkClass}`}
              >
                Generate VAPID keys
              </Link>
            )}
          </Check>
        </ul>
      </CardBody>
    </Card>
  );
}
