// The code a developer pastes into their site, generated from this Herald's
// public URL and the app's public id. Pure, so the page and its test agree.

export interface SnippetOptions {
  /** This Herald's public origin, e.g. https://herald.example.com. */
  heraldUrl: string;
  publicId: string;
  /** The site's own service worker, which imports herald-sw.js; null for the standard setup. */
  ownWorkerPath: string | null;
}

export function sdkScriptTag({ heraldUrl, publicId, ownWorkerPath }: SnippetOptions): string {
  const workerAttribute = ownWorkerPath ? ` data-service-worker-path="${ownWorkerPath}"` : "";
  return `<script src="${heraldUrl}/herald-sdk.js" data-app-id="${publicId}"${workerAttribute} async></script>`;
}

export function workerDownloadCommand(heraldUrl: string): string {
  return `curl -o public/herald-sw.js ${heraldUrl}/herald-sw.js`;
}

export function workerImportLine(heraldUrl: string): string {
  return `// Herald: shows pushes and reports receipts; leaves other pushes to your handlers.
importScripts("${heraldUrl}/herald-sw.js");`;
}

export const loginSnippet = `<script>
  window.herald = window.herald || [];
  // After your user signs in (and herald.logout() when they sign out):
  herald.push((h) => h.login("USER_ID"));
</script>`;

export const verifiedLoginSnippet = `<script>
  window.herald = window.herald || [];
  // identityHash comes from your server, which alone holds the identity secret.
  herald.push((h) => h.login("USER_ID", { identityHash: "HASH_FROM_YOUR_SERVER" }));
</script>`;

/** What the app's server runs for the signed-in user, in Node.js. */
export const identityHashSnippet = `import { createHmac } from "node:crypto";

// HERALD_IDENTITY_SECRET: the secret shown once in Settings → Web SDK.
const identityHash = createHmac("sha256", process.env.HERALD_IDENTITY_SECRET)
  .update(user.id) // the same external id the page passes to login()
  .digest("hex");`;

// Through the queue, so a click before the SDK has loaded is not lost.
export const buttonSnippet = `<button type="button" onclick="herald.push((h) => h.subscribe())">Turn on notifications</button>`;

/** A service worker path as typed: must start with "/" and name a .js file on the site. */
export function isWorkerPath(value: string): boolean {
  return /^\/[A-Za-z0-9._~\-/]*\.m?js$/.test(value);
}
