import { decode } from "next-auth/jwt";
import { describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createTestApp, createUser, randomId, type TestUser } from "@/tests/support/factories";

// Sessions, sign-in and cookie-authenticated writes over HTTP against the
// real web server: next-auth's own endpoints cannot be called in-process.
// Sessions are next-auth JWTs in a cookie, each with its sign-in's id (sid):
// "rotation" means the cookie set at sign-in is a new token with a new id for
// the person signing in, whatever cookie the browser held before; signing out
// revokes that id server-side.
const baseUrl = inject("heraldBaseUrl");
const sessionCookieName = "next-auth.session-token";

/** The cookies a response sets, name → value (an expired one maps to ""). */
function setCookies(response: Response): Map<string, { value: string; expired: boolean }> {
  const cookies = new Map<string, { value: string; expired: boolean }>();
  for (const header of response.headers.getSetCookie()) {
    const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
    const separator = pair.indexOf("=");
    const expired = attributes.some(
      (attribute) =>
        /^max-age=0$/i.test(attribute) ||
        (/^expires=/i.test(attribute) && Date.parse(attribute.slice(8)) < Date.now()),
    );
    cookies.set(pair.slice(0, separator), { value: pair.slice(separator + 1), expired });
  }
  return cookies;
}

const cookieHeader = (cookies: Record<string, string>) =>
  Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");

const octet = () => Math.floor(Math.random() * 250) + 1;
const randomAddress = () => `10.${octet()}.${octet()}.${octet()}`;

/** next-auth's CSRF token and the cookie that goes with it. */
async function csrf(): Promise<{ token: string; cookie: string }> {
  const response = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = setCookies(response).get("next-auth.csrf-token")?.value ?? "";
  expect(cookie).not.toBe("");
  return { token: csrfToken, cookie };
}

/**
 * Posts the sign-in form as the browser's `signIn("credentials")` does, with
 * whatever cookies the browser already holds; answers the response.
 */
async function postSignIn(
  email: string,
  password: string,
  options: { cookies?: Record<string, string>; withCsrf?: boolean; ip?: string } = {},
): Promise<Response> {
  const { token, cookie } = await csrf();
  const withCsrf = options.withCsrf ?? true;
  const form = new URLSearchParams({ email, password, json: "true" });
  if (withCsrf) form.set("csrfToken", token);
  return fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-forwarded-for": options.ip ?? randomAddress(),
      cookie: cookieHeader({ ...options.cookies, "next-auth.csrf-token": cookie }),
    },
    body: form,
  });
}

/** Signs in and answers the session token the response sets, or null if it sets none. */
async function signIn(
  user: { email: string; password: string },
  options: { cookies?: Record<string, string>; withCsrf?: boolean; ip?: string } = {},
): Promise<string | null> {
  const response = await postSignIn(user.email, user.password, options);
  const session = setCookies(response).get(sessionCookieName);
  return session && !session.expired ? session.value : null;
}

async function tokenSubject(token: string): Promise<string | undefined> {
  const decoded = await decode({ token, secret: process.env.AUTH_SECRET ?? "" });
  return typeof decoded?.uid === "string" ? decoded.uid : undefined;
}

function api(path: string, session: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    ...init,
    redirect: "manual",
    headers: { ...init.headers, cookie: `${sessionCookieName}=${session}` },
  });
}

describe("signing in", () => {
  it("sets a new session token for the person signing in, replacing one the browser already held", async () => {
    const attacker = await createUser();
    const victim = await createUser();
    const planted = await signIn(attacker);
    expect(planted).not.toBeNull();
    expect(await tokenSubject(planted ?? "")).toBe(attacker.id);

    // The victim signs in on a browser that carries the attacker's session (session fixation).
    const issued = await signIn(victim, { cookies: { [sessionCookieName]: planted ?? "" } });
    expect(issued).not.toBeNull();
    expect(issued).not.toBe(planted);
    expect(await tokenSubject(issued ?? "")).toBe(victim.id);
    const session = await api("/api/auth/session", issued ?? "");
    expect(await session.json()).toMatchObject({ user: { email: victim.email } });

    // And signing in again as the same person issues yet another token (a fresh id each time).
    const again = await signIn(victim, { cookies: { [sessionCookieName]: issued ?? "" } });
    expect(again).not.toBeNull();
    expect(again).not.toBe(issued);
    const [first, second] = await Promise.all(
      [issued, again].map((token) =>
        decode({ token: token ?? "", secret: process.env.AUTH_SECRET ?? "" }),
      ),
    );
    expect(first?.jti).toEqual(expect.any(String));
    expect(second?.jti).not.toBe(first?.jti);
  });

  it("refuses a sign-in form posted without next-auth's CSRF token (login CSRF)", async () => {
    const user = await createUser();
    expect(await signIn(user, { withCsrf: false })).toBeNull();
    // The control: the same form with the token signs in.
    expect(await signIn(user)).not.toBeNull();
  });

  it("is rate-limited per email address through the real sign-in endpoint, from any client address, even with the right password", async () => {
    const user = await createUser();
    for (let attempt = 0; attempt < 10; attempt++) {
      // A new client address each time: the per-address limit is what holds.
      expect(await signIn({ email: user.email, password: `wrong ${attempt}` })).toBeNull();
    }
    const limited = await postSignIn(user.email, user.password);
    expect(setCookies(limited).get(sessionCookieName)).toBeUndefined();
    const { url } = (await limited.json()) as { url: string };
    expect(new URL(url).searchParams.get("error")).toContain("Too many sign-in attempts");
    // Another person is unaffected.
    expect(await signIn(await createUser())).not.toBeNull();
  });

  it("goes back only to a path on this site after sign-in", async () => {
    const user = await createUser();
    const session = (await signIn(user)) ?? "";
    for (const callback of [
      "/\\evil.example",
      "/\t/evil.example",
      "//evil.example",
      "https://evil.example",
    ]) {
      const response = await api(`/sign-in?callbackUrl=${encodeURIComponent(callback)}`, session);
      expect(response.status).toBeGreaterThanOrEqual(300);
      const location = response.headers.get("location") ?? "";
      expect(new URL(location, baseUrl).host, `${callback} → ${location}`).toBe(
        new URL(baseUrl).host,
      );
    }
    const kept = await api(`/sign-in?callbackUrl=${encodeURIComponent("/apps/new")}`, session);
    expect(new URL(kept.headers.get("location") ?? "", baseUrl).pathname).toBe("/apps/new");
  });
});

describe("an existing session", () => {
  it("ends at sign-out: the cookie is expired and a copy of the token is refused; the person's other session goes on", async () => {
    const user = await createUser();
    const session = (await signIn(user)) ?? "";
    const otherBrowser = (await signIn(user)) ?? "";
    expect((await api("/api/v1/apps", session)).status).toBe(200);
    const { token, cookie } = await csrf();
    const response = await fetch(`${baseUrl}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: cookieHeader({ [sessionCookieName]: session, "next-auth.csrf-token": cookie }),
      },
      body: new URLSearchParams({ csrfToken: token, json: "true" }),
    });
    expect(setCookies(response).get(sessionCookieName)).toEqual({ value: "", expired: true });

    expect((await api("/api/v1/apps", session)).status).toBe(401);
    const sessionInfo = await fetch(`${baseUrl}/api/auth/session`, {
      headers: { cookie: cookieHeader({ [sessionCookieName]: session }) },
    });
    expect(((await sessionInfo.json()) as { user?: { id?: string } }).user?.id).toBeUndefined();
    const page = await api("/apps/new", session);
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toContain("/sign-in");
    expect((await api("/api/v1/apps", otherBrowser)).status).toBe(200);
  });

  it("loses an app at once when its membership is removed, and everything when its user is deleted", async () => {
    const app = await createTestApp();
    const member: TestUser = await createUser();
    await getDb().membership.create({ data: { appId: app.id, userId: member.id, role: "admin" } });
    const session = (await signIn(member)) ?? "";
    expect((await api(`/api/v1/apps/${app.id}`, session)).status).toBe(200);

    await getDb().membership.deleteMany({ where: { appId: app.id, userId: member.id } });
    expect((await api(`/api/v1/apps/${app.id}`, session)).status).toBe(404);
    const page = await api(`/apps/${app.id}`, session);
    expect(await page.text()).not.toContain(app.name);

    expect((await api("/api/v1/apps", session)).status).toBe(200);
    await getDb().user.delete({ where: { id: member.id } });
    expect((await api("/api/v1/apps", session)).status).toBe(401);
  });
});

describe("cookie-authenticated writes over HTTP", () => {
  it("refuses a cross-origin POST carrying a real session cookie, and creates nothing", async () => {
    const user = await createUser();
    const session = (await signIn(user)) ?? "";
    const name = `Forged ${randomId()}`;
    const attempts: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: baseUrl, "sec-fetch-site": "cross-site" },
      { origin: "null" },
    ];
    for (const headers of attempts) {
      const response = await api("/api/v1/apps", session, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ name }),
      });
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await getDb().app.count({ where: { name } })).toBe(0);
    // The control: from our own page it works.
    const same = await api("/api/v1/apps", session, {
      method: "POST",
      headers: {
        origin: baseUrl,
        "sec-fetch-site": "same-origin",
        "content-type": "application/json",
      },
      body: JSON.stringify({ name }),
    });
    expect(same.status).toBe(201);
  });

  it("grants nothing for an x-middleware-subrequest header, on pages or the API", async () => {
    const app = await createTestApp(`Guarded ${randomId()}`);
    const bypass = {
      "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
    };
    const apiAnswer = await fetch(`${baseUrl}/api/v1/apps/${app.id}`, { headers: bypass });
    expect(apiAnswer.status).toBe(401);
    const page = await fetch(`${baseUrl}/apps/${app.id}`, { headers: bypass, redirect: "manual" });
    expect(page.status).toBeGreaterThanOrEqual(300);
    expect(new URL(page.headers.get("location") ?? "", baseUrl).pathname).toBe("/sign-in");
    expect(await page.text()).not.toContain(app.name);
  });
});
