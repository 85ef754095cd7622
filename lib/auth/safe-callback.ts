const fallback = "/apps";
const base = "http://herald.invalid";

/**
 * Where to go after sign-in: a path on this site, else the app list. An open
 * redirect after sign-in is a phishing tool, and prefix checks are not
 * enough: browsers read `/\evil.example` and `/<tab>/evil.example` as
 * `//evil.example`. So the value is parsed the way a browser would, and only
 * a same-origin result is kept, normalised (never starting with `//`).
 */
export function safeCallbackPath(value: string | undefined): string {
  if (!value?.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === base && !path.startsWith("//") ? path : fallback;
}
