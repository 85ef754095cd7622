import { getEnv } from "@/lib/env";

/**
 * The address a request came from, for per-address rate limits. The web
 * server (Next, and lib/http/node-route.ts for the hot routes) writes the
 * connection's address into X-Forwarded-For when a request has none, and
 * each proxy in front appends the address it saw, so whatever a client
 * sends itself is on the left. The entry to trust is the `hops`-th from the
 * right: with the default 1, the nearest proxy's view of the client, or the
 * connection's address when nothing is in front. (Reached
 * directly, the server keeps a client's own header, so production belongs
 * behind a proxy that appends.)
 */
export function clientAddress(
  forwardedFor: string | null | undefined,
  hops = getEnv().HERALD_TRUSTED_PROXY_HOPS,
): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries[Math.max(0, entries.length - hops)] ?? "unknown";
}
