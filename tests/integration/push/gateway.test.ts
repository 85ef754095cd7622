import { spawn } from "node:child_process";
import { createPrivateKey, sign } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { connect } from "node:http2";
import { type RequestOptions, request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import webpush from "web-push";
import { createGatewayControlClient } from "@/lib/gateway/control-client";
import { createApnsTransport } from "@/lib/push/apns-transport";
import { buildApnsPayload } from "@/lib/push/build-apns-payload";
import { buildWebPushPayload } from "@/lib/push/build-web-push-payload";
import { notificationContentSchema } from "@/lib/push/content";
import { createWebPushTransport } from "@/lib/push/web-push-transport";
import {
  apnsSecretOf,
  generateWebPushSecret,
  randomApnsToken,
  startTestGateway,
  type TestGateway,
} from "@/tests/support/gateway";

let test: TestGateway;
beforeAll(async () => {
  test = await startTestGateway();
});
afterAll(() => test.stop());
beforeEach(() => test.gateway.reset());

interface Answer {
  status: number;
  httpVersion: string;
  body: string;
}

function http1(path: string, options: RequestOptions & { body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      new URL(path, test.gateway.url),
      { ca: test.gateway.caPem, ...options },
      (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => {
          body += chunk;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, httpVersion: response.httpVersion, body }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

const content = notificationContentSchema.parse({ title: "Hello", body: "World" });

describe("the gateway's transport", () => {
  it("speaks HTTP/1.1 and HTTP/2 on one TLS port", async () => {
    expect(await http1("/control/health")).toMatchObject({ status: 200, httpVersion: "1.1" });
    const session = connect(test.gateway.url, { ca: test.gateway.caPem });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const stream = session.request({ ":path": "/control/health" });
        stream.on("response", (headers) => resolve(Number(headers[":status"])));
        stream.on("error", reject);
        stream.end();
      });
      expect(status).toBe(200);
      expect(session.alpnProtocol).toBe("h2");
    } finally {
      session.close();
    }
  });

  it("refuses APNs requests over HTTP/1.1, as Apple does", async () => {
    expect(
      (await http1(`/3/device/${randomApnsToken()}`, { method: "POST", body: "{}" })).status,
    ).toBe(505);
  });
});

describe("the web push endpoint's own checks", () => {
  const subscription = () => test.gateway.mintWebSubscription("raw-1");

  it("needs a VAPID authorization", async () => {
    const answer = await http1(new URL(subscription().endpoint).pathname, {
      method: "POST",
      headers: { ttl: "60" },
    });
    expect(answer.status).toBe(401);
  });

  it("refuses a VAPID JWT made for another push service", async () => {
    const keys = webpush.generateVAPIDKeys();
    const { Authorization } = webpush.getVapidHeaders(
      "https://fcm.googleapis.com",
      "mailto:a@b.c",
      keys.publicKey,
      keys.privateKey,
      "aes128gcm",
    );
    const answer = await http1(new URL(subscription().endpoint).pathname, {
      method: "POST",
      headers: { ttl: "60", authorization: Authorization },
    });
    expect(answer).toMatchObject({ status: 403, body: expect.stringMatching(/aud/) });
  });

  it("needs a TTL header", async () => {
    const keys = webpush.generateVAPIDKeys();
    const { Authorization } = webpush.getVapidHeaders(
      test.gateway.url,
      "mailto:a@b.c",
      keys.publicKey,
      keys.privateKey,
      "aes128gcm",
    );
    const answer = await http1(new URL(subscription().endpoint).pathname, {
      method: "POST",
      headers: { authorization: Authorization },
    });
    expect(answer.status).toBe(400);
  });
});

describe("the APNs endpoint's own checks", () => {
  const providerToken = (
    key: { keyId: string; teamId: string; privateKey: string },
    issuedAt: number,
  ) => {
    const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const input = `${segment({ alg: "ES256", kid: key.keyId })}.${segment({ iss: key.teamId, iat: issuedAt })}`;
    const signature = sign("sha256", Buffer.from(input), {
      key: createPrivateKey(key.privateKey),
      dsaEncoding: "ieee-p1363",
    });
    return `${input}.${signature.toString("base64url")}`;
  };

  async function post(
    session: ReturnType<typeof connect>,
    headers: Record<string, string>,
    body = '{"aps":{"alert":"hi"}}',
  ): Promise<{ status: number; reason?: string }> {
    return new Promise((resolve, reject) => {
      const stream = session.request({
        ":method": "POST",
        ":path": `/3/device/${randomApnsToken()}`,
        ...headers,
      });
      let status = 0;
      let text = "";
      stream.on("response", (answer) => {
        status = Number(answer[":status"]);
      });
      stream.on("data", (chunk: Buffer) => {
        text += chunk;
      });
      stream.on("end", () =>
        resolve({ status, ...(text ? (JSON.parse(text) as { reason: string }) : {}) }),
      );
      stream.on("error", reject);
      stream.end(body);
    });
  }

  it("answers Apple's reasons for bad tokens, headers and payloads", async () => {
    const key = test.gateway.mintApnsKey({ bundleId: "com.herald.raw" });
    const now = Math.floor(Date.now() / 1000);
    const base = {
      "apns-topic": "com.herald.raw",
      authorization: `bearer ${providerToken(key, now)}`,
    };
    const session = connect(test.gateway.url, { ca: test.gateway.caPem });
    try {
      expect(await post(session, base)).toEqual({ status: 200 });
      expect(await post(session, { "apns-topic": "com.herald.raw" })).toEqual({
        status: 403,
        reason: "MissingProviderToken",
      });
      expect(await post(session, { ...base, "apns-collapse-id": "x".repeat(65) })).toEqual({
        status: 400,
        reason: "BadCollapseId",
      });
      expect(
        await post(session, { ...base, "apns-push-type": "background", "apns-priority": "10" }),
      ).toEqual({
        status: 400,
        reason: "BadPriority",
      });
      expect(await post(session, { ...base, "apns-expiration": "soon" })).toEqual({
        status: 400,
        reason: "BadExpirationDate",
      });
      expect(await post(session, { ...base, "apns-topic": "com.other.app" })).toEqual({
        status: 400,
        reason: "TopicDisallowed",
      });
      expect(await post(session, base, "")).toEqual({ status: 400, reason: "PayloadEmpty" });
      expect(await post(session, base, JSON.stringify({ aps: {}, pad: "x".repeat(4096) }))).toEqual(
        {
          status: 413,
          reason: "PayloadTooLarge",
        },
      );
    } finally {
      session.close();
    }
  });

  it("expires a provider token after an hour and limits new tokens to one per 20 minutes per connection", async () => {
    const key = test.gateway.mintApnsKey({ bundleId: "com.herald.raw" });
    const now = Math.floor(Date.now() / 1000);
    const withToken = (issuedAt: number) => ({
      "apns-topic": "com.herald.raw",
      authorization: `bearer ${providerToken(key, issuedAt)}`,
    });
    const session = connect(test.gateway.url, { ca: test.gateway.caPem });
    try {
      expect(await post(session, withToken(now - 3700))).toEqual({
        status: 403,
        reason: "ExpiredProviderToken",
      });
      expect(await post(session, withToken(now - 60))).toEqual({ status: 200 });
      expect(await post(session, withToken(now))).toEqual({
        status: 429,
        reason: "TooManyProviderTokenUpdates",
      });
    } finally {
      session.close();
    }
    const fresh = connect(test.gateway.url, { ca: test.gateway.caPem });
    try {
      expect(await post(fresh, withToken(now))).toEqual({ status: 200 });
    } finally {
      fresh.close();
    }
  });
});

describe("the control API", () => {
  it("needs the control token", async () => {
    expect((await http1("/control/stats")).status).toBe(401);
    expect(
      (await http1("/control/stats", { headers: { authorization: "Bearer wrong" } })).status,
    ).toBe(401);
  });

  it("mints credentials, injects faults and reports what arrived", async () => {
    const control = createGatewayControlClient({
      url: test.gateway.url,
      controlToken: test.gateway.controlToken,
      ca: test.gateway.caPem,
    });
    const [subscription] = await control.mintWebSubscriptions({ ids: ["ctl-1"] });
    expect(subscription).toEqual(test.gateway.mintWebSubscription("ctl-1"));
    expect(await control.mintWebSubscriptions({ count: 3, prefix: "bulk-" })).toHaveLength(3);

    const key = await control.mintApnsKey({ bundleId: "com.herald.control" });
    expect(key).toMatchObject({
      bundleId: "com.herald.control",
      keyId: expect.stringMatching(/^[A-Z0-9]{10}$/),
    });
    const account = await control.mintFcmServiceAccount({ projectId: "herald-control" });
    expect(account).toMatchObject({
      type: "service_account",
      project_id: "herald-control",
      token_uri: `${test.gateway.url}/token`,
    });

    const apns = createApnsTransport(apnsSecretOf(key), { gateway: test.target, timeoutMs: 1500 });
    try {
      const payload = buildApnsPayload(content, { deliveryId: "1", campaignId: "camp-ctl" });
      const token = randomApnsToken();
      expect(await apns.send({ token }, payload)).toMatchObject({ kind: "accepted" });
      await control.setFaults({ ios: { errors: { TooManyRequests: 1 } } });
      expect(await apns.send({ token }, payload)).toMatchObject({ kind: "retry-after" });
      await control.addDeadTokens("ios", [token]);
      expect(await apns.send({ token }, payload)).toMatchObject({ kind: "token-dead" });

      expect(await control.stats("camp-ctl")).toMatchObject({
        accepted: 1,
        rejected: 2,
        duplicates: 0,
        byPlatform: { ios: { accepted: 1, rejected: 2 } },
        rejectedByReason: { TooManyRequests: 1, Unregistered: 1 },
      });
      expect(await control.deviceStats("ios", token)).toEqual({
        accepted: 1,
        rejected: 2,
        duplicates: 0,
      });
      expect(await control.messages({ campaignId: "camp-ctl" })).toHaveLength(1);
      expect((await control.describeFaults()).ios).toMatchObject({
        errors: { TooManyRequests: 1 },
        deadTokens: 1,
      });

      await control.reset();
      expect(await control.stats("camp-ctl")).toMatchObject({ accepted: 0, rejected: 0 });
      expect(await apns.send({ token }, payload)).toMatchObject({ kind: "accepted" });
    } finally {
      await apns.close();
    }
  });

  it("says which field of a control request is wrong", async () => {
    const answer = await http1("/control/faults", {
      method: "PUT",
      headers: { authorization: `Bearer ${test.gateway.controlToken}` },
      body: JSON.stringify({ android: { errors: { NOT_A_CODE: 0.5 } } }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/NOT_A_CODE|errors/);
  });
});

describe("a restarted gateway", () => {
  it("keeps its CA, subscriptions and minted keys on the same state dir", async () => {
    const stateDir = await mkdtemp(join(tmpdir(), "herald-gateway-restart-"));
    try {
      const first = await startTestGateway({ stateDir });
      const key = first.gateway.mintApnsKey();
      const subscription = first.gateway.mintWebSubscription("survivor");
      const caPem = first.gateway.caPem;
      await first.stop();

      const second = await startTestGateway({ stateDir });
      try {
        expect(second.gateway.caPem).toBe(caPem);
        const web = createWebPushTransport(generateWebPushSecret(), { gateway: second.target });
        const apns = createApnsTransport(apnsSecretOf(key), { gateway: second.target });
        const moved = {
          ...subscription,
          endpoint: second.gateway.mintWebSubscription("survivor").endpoint,
        };
        expect(moved.keys).toEqual(subscription.keys);
        expect(
          await web.send(
            moved,
            buildWebPushPayload(content, { deliveryId: "1", campaignId: "restart" }),
          ),
        ).toMatchObject({ kind: "accepted" });
        expect(
          await apns.send(
            { token: randomApnsToken() },
            buildApnsPayload(content, { deliveryId: "2", campaignId: "restart" }),
          ),
        ).toMatchObject({ kind: "accepted" });
        await Promise.all([web.close(), apns.close()]);
        expect(second.gateway.messages({ campaignId: "restart" })[1]?.payload).toMatchObject({
          title: "Hello",
        });
      } finally {
        await second.stop();
      }
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});

describe("the gateway process", () => {
  it("prints its URL, serves, and exits cleanly on SIGTERM", async () => {
    const stateDir = await mkdtemp(join(tmpdir(), "herald-gateway-process-"));
    const root = join(import.meta.dirname, "../../..");
    const child = spawn(
      join(root, "node_modules/.bin/tsx"),
      ["workers/push-gateway.ts", "--port", "0", "--state-dir", stateDir],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = "";
        child.stdout?.on("data", (chunk: Buffer) => {
          output += chunk;
          const match = /HERALD_PUSH_GATEWAY_URL=(\S+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.once("exit", (code) =>
          reject(new Error(`gateway exited early (${code}): ${output}`)),
        );
      });
      const ca = await readFile(join(stateDir, "ca.pem"), "utf8");
      const controlToken = (await readFile(join(stateDir, "control-token"), "utf8")).trim();
      const control = createGatewayControlClient({ url, controlToken, ca });
      expect(await control.stats()).toMatchObject({ accepted: 0 });

      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
