"use client";

import { usePathname, useSearchParams } from "next/navigation";

/**
 * The current path and query. Next types both hooks as possibly null once the
 * project has a `pages/` directory (POST /api/v1/events is served from one),
 * because a Pages Router page can render before they are known; every
 * dashboard screen is an App Router page, where they always are.
 */
export function useLocation(): { pathname: string; searchParams: URLSearchParams } {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  return { pathname: pathname ?? "/", searchParams: searchParams ?? new URLSearchParams() };
}
