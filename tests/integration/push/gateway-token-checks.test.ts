import { createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes } from "node:crypto";
import { connect } from "node:http2";
import { request } from "node:https";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomApnsToken, startTestGateway, type TestGateway } from "@/tests/support/gateway";

// Each refusal the gateway's JWT checks can give, with tokens signed here, so
// a change to how the gateway verifies them keeps every provider answer.

let test: TestGateway;
beforeAll(async () => {
  test = await startTestGateway();
});
afterAll(() => test.stop());

const now = () => Math.floor(Date.now() / 1000);

function post(
  path: string,
  headers: Record<string, string>,
  body = "",
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      new URL(path, test.gateway.url),
      { method: "POST", headers, ca: test.gateway.caPem },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => {
          text += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

describe("VAPID checks", () => {
  const vapidKeys = () => generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const rawPublicKey = (publicKey: KeyObject) => {
    const jwk = publicKey.export({ format: "jwk" });
    return Buffer.concat([
      Buffer.from([4]),
      Buffer.from(jwk.x ?? "", "base64url"),
      Buffer.from(jwk.y ?? "", "base64url"),
    ]).toString("base64url");
  };

  async function push(
    claims: Record<string, unknown>,
    options: { signWith?: KeyObject; algorithm?: string } = {},
  ) {
    const { privateKey, publicKey } = vapidKeys();
    const signer = options.signWith ?? privateKey;
    const jwt = await new SignJWT(claims)
      .setProtectedHeader({ alg: options.algorithm ?? "ES256", typ: "JWT" })
      .sign(signer);
    const path = new URL(test.gateway.mintWebSubscription("vapid-1").endpoint).pathname;
    return post(path, { ttl: "60", authorization: `vapid t=${jwt}, k=${rawPublicKey(publicKey)}` });
  }

  const valid = () => ({
    aud: test.gateway.url,
    exp: now() + 3600,
    sub: "mailto:push@herald.test",
  });

  it("accepts a well-formed VAPID JWT", async () => {
    expect((await push(valid())).status).toBe(201);
  });

  it("answers 401 when the signature is not the k= key's", async () => {
    const other = vapidKeys().privateKey;
    expect(await push(valid(), { signWith: other })).toEqual({
      status: 401,
      body: "VAPID JWT signature does not verify",
    });
  });

  it("answers 403 for missing claims, a bad sub, expiry and a far-off exp", async () => {
    const { exp: _exp, ...withoutExp } = valid();
    expect(await push(withoutExp)).toEqual({ status: 403, body: "VAPID JWT lacks aud or exp" });
    const { aud: _aud, ...withoutAud } = valid();
    expect(await push(withoutAud)).toEqual({ status: 403, body: "VAPID JWT lacks aud or exp" });
    expect(await push({ ...valid(), sub: "push@herald.test" })).toEqual({
      status: 403,
      body: "VAPID sub must be a mailto: or https: URI",
    });
    expect(await push({ ...valid(), exp: now() - 10 })).toEqual({
      status: 403,
      body: "VAPID JWT has expired",
    });
    expect(await push({ ...valid(), exp: now() + 2 * 24 * 3600 })).toEqual({
      status: 403,
      body: "VAPID JWT expires more than 24 hours ahead",
    });
  });
});

describe("APNs provider token checks", () => {
  async function send(authorization: string): Promise<{ status: number; reason?: string }> {
    const session = connect(test.gateway.url, { ca: test.gateway.caPem });
    try {
      return await new Promise((resolve, reject) => {
        const stream = session.request({
          ":method": "POST",
          ":path": `/3/device/${randomApnsToken()}`,
          "apns-topic": "com.herald.tokens",
          authorization,
        });
        let status = 0;
        let text = "";
        stream.on("response", (headers) => {
          status = Number(headers[":status"]);
        });
        stream.on("data", (chunk: Buffer) => {
          text += chunk;
        });
        stream.on("end", () =>
          resolve({ status, ...(text ? (JSON.parse(text) as { reason: string }) : {}) }),
        );
        stream.on("error", reject);
        stream.end('{"aps":{"alert":"hi"}}');
      });
    } finally {
      session.close();
    }
  }

  const sign = (claims: Record<string, unknown>, keyId: string, key: KeyObject | Uint8Array) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: key instanceof Uint8Array ? "HS256" : "ES256", kid: keyId })
      .sign(key);

  it("accepts a genuine token and refuses forged, unknown-key, wrong-team and iat-less ones", async () => {
    const apnsKey = test.gateway.mintApnsKey({ bundleId: "com.herald.tokens" });
    const own = createPrivateKey(apnsKey.privateKey);
    const claims = { iss: apnsKey.teamId, iat: now() };
    const bearer = async (token: Promise<string>) => send(`bearer ${await token}`);
    const invalid = { status: 403, reason: "InvalidProviderToken" };

    expect(await bearer(sign(claims, apnsKey.keyId, own))).toEqual({ status: 200 });
    const stranger = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey;
    expect(await bearer(sign(claims, apnsKey.keyId, stranger))).toEqual(invalid);
    expect(await bearer(sign(claims, apnsKey.keyId, randomBytes(32)))).toEqual(invalid);
    expect(await bearer(sign(claims, "NOSUCHKEY1", own))).toEqual(invalid);
    expect(await bearer(sign({ ...claims, iss: "OTHERTEAM1" }, apnsKey.keyId, own))).toEqual(
      invalid,
    );
    expect(await bearer(sign({ iss: apnsKey.teamId }, apnsKey.keyId, own))).toEqual(invalid);
    expect(await send("bearer not-a-jwt")).toEqual(invalid);
  });
});

describe("OAuth JWT-bearer assertion checks", () => {
  const grant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  async function exchange(assertion: string) {
    const answer = await post(
      "/token",
      { "content-type": "application/x-www-form-urlencoded" },
      new URLSearchParams({ grant_type: grant, assertion }).toString(),
    );
    return { status: answer.status, ...(JSON.parse(answer.body) as Record<string, unknown>) };
  }

  async function assertion(claims: Record<string, unknown>, privateKeyPem?: string) {
    const account = test.gateway.mintFcmServiceAccount({ projectId: "herald-tokens" });
    const issuedAt = now();
    const jwt = await new SignJWT({
      iss: account.client_email,
      aud: account.token_uri,
      scope: "https://www.googleapis.com/auth/firebase.messaging",
      iat: issuedAt,
      exp: issuedAt + 3600,
      ...claims,
    })
      .setProtectedHeader({ alg: "RS256", kid: account.private_key_id })
      .sign(createPrivateKey(privateKeyPem ?? account.private_key));
    return { jwt, account };
  }

  const invalidGrant = (description: string) => ({
    status: 400,
    error: "invalid_grant",
    error_description: description,
  });
  const notShortLived = invalidGrant(
    "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.",
  );

  it("grants an access token for a genuine assertion", async () => {
    const { jwt } = await assertion({});
    expect(await exchange(jwt)).toMatchObject({ status: 200, token_type: "Bearer" });
  });

  it("answers Google's invalid_grant descriptions for each fault", async () => {
    expect(await exchange("not.a-jwt")).toEqual(invalidGrant("Invalid JWT: malformed assertion."));
    expect(
      await exchange((await assertion({ iss: "nobody@x.iam.gserviceaccount.com" })).jwt),
    ).toEqual(invalidGrant("Invalid grant: account not found"));
    const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    expect(await exchange((await assertion({}, otherKey)).jwt)).toEqual(
      invalidGrant("Invalid JWT Signature."),
    );
    const wrongAudience = await assertion({ aud: "https://oauth2.example/token" });
    expect(await exchange(wrongAudience.jwt)).toEqual(
      invalidGrant(
        `Invalid JWT: Failed audience check. The expected audience is ${wrongAudience.account.token_uri}.`,
      ),
    );
    expect(await exchange((await assertion({ exp: now() + 2 * 3600 })).jwt)).toEqual(notShortLived);
    expect(await exchange((await assertion({ iat: now() - 7200, exp: now() - 3600 })).jwt)).toEqual(
      notShortLived,
    );
    expect(await exchange((await assertion({ iat: now() + 900, exp: now() + 1800 })).jwt)).toEqual(
      notShortLived,
    );
    expect(await exchange((await assertion({ exp: undefined })).jwt)).toEqual(notShortLived);
  });
});
