"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useEffect, useState } from "react";
import { HeraldMark } from "@/components/brand/herald-mark";
import { useLocation } from "@/components/navigation/use-location";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { Permission } from "@/lib/auth/permissions";

interface NavItem {
  label: string;
  href: string;
  permission?: Permission;
  exact?: boolean;
}

function navigation(appId: string): { section?: string; items: NavItem[] }[] {
  const base = `/apps/${appId}`;
  return [
    {
      items: [
        { label: "Overview", href: base, exact: true },
        { label: "Campaigns", href: `${base}/campaigns`, permission: "campaigns:read" },
        { label: "Analytics", href: `${base}/analytics`, permission: "analytics:read" },
        { label: "Subscribers", href: `${base}/subscribers`, permission: "audience:read" },
        { label: "Segments", href: `${base}/segments`, permission: "audience:read" },
      ],
    },
    {
      section: "Developers",
      items: [{ label: "API reference", href: `${base}/developers/api` }],
    },
    {
      section: "Settings",
      items: [
        { label: "General", href: `${base}/settings`, exact: true },
        { label: "Members", href: `${base}/settings/members`, permission: "members:read" },
        { label: "API keys", href: `${base}/settings/api-keys`, permission: "api_keys:read" },
        { label: "Topics", href: `${base}/settings/topics`, permission: "audience:read" },
        {
          label: "Push credentials",
          href: `${base}/settings/credentials`,
          permission: "credentials:read",
        },
        { label: "Web SDK", href: `${base}/settings/web-sdk`, permission: "app:read" },
        { label: "Audit log", href: `${base}/settings/audit-log`, permission: "audit:read" },
      ],
    },
  ];
}

export function Sidebar({
  app,
  apps,
  user,
  role,
  permissions,
}: {
  app: { id: string; name: string; isDemo: boolean };
  apps: { id: string; name: string }[];
  user: { name: string; email: string };
  role: string;
  permissions: Permission[];
}) {
  const { pathname } = useLocation();
  const router = useRouter();
  // On a phone the navigation is a drawer behind a menu button, closed again by any navigation.
  const [isOpen, setOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is what a new path means here
  useEffect(() => setOpen(false), [pathname]);
  return (
    <>
      <div className="fixed inset-x-0 top-0 z-30 flex h-14 items-center gap-3 border-b border-slate-200 bg-white px-4 md:hidden">
        <button
          type="button"
          aria-label="Open navigation"
          aria-expanded={isOpen}
          aria-controls="app-navigation"
          onClick={() => setOpen(true)}
          className="-ml-2 rounded-md p-2 text-slate-600 hover:bg-slate-50"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="currentColor">
            <path d="M3 5h14v1.5H3zM3 9.25h14v1.5H3zM3 13.5h14V15H3z" />
          </svg>
        </button>
        <HeraldMark className="size-6 shrink-0" />
        <span className="truncate text-sm font-semibold">{app.name}</span>
      </div>
      {isOpen && (
        <button
          type="button"
          aria-label="Close navigation"
          onClick={() => setOpen(false)}
          className="fixed inset-0 z-40 bg-slate-900/40 md:hidden"
        />
      )}
      <aside
        id="app-navigation"
        className={cn(
          "fixed inset-y-0 left-0 z-50 flex h-screen w-64 shrink-0 flex-col border-r border-slate-200 bg-white transition-transform md:sticky md:top-0 md:translate-x-0",
          isOpen ? "translate-x-0" : "-translate-x-full",
        )}
      >
        <div className="flex items-center gap-2 px-5 pt-5 pb-4 font-semibold">
          <HeraldMark className="size-7" />
          Herald
        </div>
        <div className="px-3 pb-3">
          <label htmlFor="app-switcher" className="sr-only">
            Switch app
          </label>
          <select
            id="app-switcher"
            value={app.id}
            onChange={(event) =>
              router.push(
                event.target.value === "__new" ? "/apps/new" : `/apps/${event.target.value}`,
              )
            }
            className="w-full rounded-md border-0 bg-slate-50 px-3 py-2 text-sm font-medium ring-1 ring-inset ring-slate-200 focus:ring-2 focus:ring-brand-500"
          >
            {apps.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
              </option>
            ))}
            <option value="__new">+ New app…</option>
          </select>
          {app.isDemo && (
            <div className="mt-2">
              <Badge tone="blue">Demo data</Badge>
            </div>
          )}
        </div>
        <nav className="flex-1 space-y-5 overflow-y-auto px-3" aria-label="App navigation">
          {navigation(app.id).map((group) => {
            const items = group.items.filter(
              (item) => !item.permission || permissions.includes(item.permission),
            );
            if (!items.length) return null;
            return (
              <div key={group.section ?? "main"}>
                {group.section && (
                  <p className="px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-400">
                    {group.section}
                  </p>
                )}
                <ul className="space-y-0.5">
                  {items.map((item) => {
                    const isActive = item.exact
                      ? pathname === item.href
                      : pathname.startsWith(item.href);
                    return (
                      <li key={item.href}>
                        <Link
                          href={item.href}
                          aria-current={isActive ? "page" : undefined}
                          className={cn(
                            "block rounded-md px-2 py-1.5 text-sm",
                            isActive
                              ? "bg-brand-50 font-medium text-brand-700"
                              : "text-slate-600 hover:bg-slate-50",
                          )}
                        >
                          {item.label}
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              </div>
            );
          })}
        </nav>
        <div className="border-t border-slate-200 px-4 py-3 text-sm">
          <p className="truncate font-medium text-slate-800">{user.name}</p>
          {/* A long email gives way, never the role. */}
          <p className="flex min-w-0 text-xs text-slate-500">
            <span className="truncate">{user.email}</span>
            <span className="shrink-0 whitespace-pre"> · {role}</span>
          </p>
          <button
            type="button"
            onClick={() => signOut({ callbackUrl: "/sign-in" })}
            className="mt-2 text-xs font-medium text-slate-500 hover:text-slate-800"
          >
            Sign out
          </button>
        </div>
      </aside>
    </>
  );
}
