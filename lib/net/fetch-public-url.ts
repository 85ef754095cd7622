import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import { AppError } from "@/lib/errors";
import { isPublicAddress } from "./public-address";

// The only way server code may fetch a URL someone else chose (an image to
// check, a webhook). The address is judged at connect time, inside the
// socket's own DNS lookup, so a name that resolves to a public address for
// the check and to 127.0.0.1 for the connection (DNS rebinding) gets nowhere.

export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

function unsafe(url: string, reason: string): AppError {
  return new AppError("unsafe_url", `${url} may not be fetched: ${reason}`);
}

function parseFetchableUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw unsafe(raw, "it is not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw unsafe(raw, "only http and https are fetched");
  }
  if (url.username || url.password) throw unsafe(raw, "it carries credentials");
  return url;
}

/**
 * The host's addresses, all of them public; any private, loopback,
 * link-local or reserved one refuses the whole name.
 */
export async function resolvePublicAddresses(
  hostname: string,
  resolve: Resolve = systemResolve,
): Promise<LookupAddress[]> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  const family = isIP(bare);
  const addresses = family
    ? [{ address: bare, family }]
    : await resolve(bare).catch(() => {
        throw unsafe(hostname, "its name does not resolve");
      });
  if (!addresses.length) throw unsafe(hostname, "its name does not resolve");
  const blocked = addresses.find((entry) => !isPublicAddress(entry.address));
  if (blocked) {
    throw unsafe(hostname, `it resolves to ${blocked.address}, a private or reserved address`);
  }
  return addresses;
}

/** Checks a URL before accepting it for a later fetch; the fetch itself checks again. */
export async function assertPublicUrl(raw: string, resolve?: Resolve): Promise<URL> {
  const url = parseFetchableUrl(raw);
  await resolvePublicAddresses(url.hostname, resolve);
  return url;
}

/**
 * A `lookup` for sockets and agents (`new https.Agent({ lookup })`) that
 * connects only to public addresses: what a long-lived client that POSTs to
 * URLs others registered (web push endpoints) should use. IP-literal hosts
 * never reach a lookup, so check those with `resolvePublicAddresses` first.
 */
export function publicAddressLookup(resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolvePublicAddresses(hostname, resolve).then(
      (addresses) => {
        const wanted = options.family === 6 ? 6 : options.family === 4 ? 4 : 0;
        const usable = addresses.filter((entry) => !wanted || entry.family === wanted);
        const [first] = usable;
        if (!first) {
          callback(unsafe(hostname, `it has no IPv${wanted} address`), "", 0);
        } else if (options.all) {
          (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, usable);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: Error) => callback(error, "", 0),
    );
  };
}

export interface FetchedResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered, after any redirects. */
  url: string;
}

export interface FetchPublicUrlOptions {
  method?: "GET" | "HEAD";
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  resolve?: Resolve;
}

function requestOnce(
  url: URL,
  options: Required<Omit<FetchPublicUrlOptions, "maxRedirects">>,
): Promise<FetchedResponse> {
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolvePromise, reject) => {
    const request = transport.request(
      url,
      {
        method: options.method,
        lookup: publicAddressLookup(options.resolve),
        timeout: options.timeoutMs,
        headers: { "user-agent": "Herald/1 (+https://github.com/herald)" },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let received = 0;
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > options.maxBytes) {
            request.destroy(unsafe(url.href, `the response exceeds ${options.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () =>
          resolvePromise({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
            url: url.href,
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () =>
      request.destroy(unsafe(url.href, `no answer within ${options.timeoutMs} ms`)),
    );
    request.on("error", reject);
    request.end();
  });
}

/**
 * Fetches a URL that must lead to a public address, hop by hop through
 * redirects, with a timeout and a size cap. Refusals are `unsafe_url` errors.
 */
export async function fetchPublicUrl(
  raw: string,
  options: FetchPublicUrlOptions = {},
): Promise<FetchedResponse> {
  const settings = {
    method: options.method ?? "GET",
    timeoutMs: options.timeoutMs ?? 5_000,
    maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
    resolve: options.resolve ?? systemResolve,
  };
  let url = parseFetchableUrl(raw);
  for (let hop = 0; ; hop++) {
    // Node connects to an IP literal without calling `lookup`: judge those here.
    await resolvePublicAddresses(url.hostname, settings.resolve);
    const response = await requestOnce(url, settings);
    const location = response.headers.location;
    if (response.status < 300 || response.status >= 400 || !location) return response;
    if (hop >= (options.maxRedirects ?? 3)) throw unsafe(raw, "it redirects too many times");
    url = parseFetchableUrl(new URL(location, url).href);
  }
}
