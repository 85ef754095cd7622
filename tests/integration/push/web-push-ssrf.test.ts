import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebPushTransport } from "@/lib/push/web-push-transport";
import { generateWebPushSecret, startTestGateway, type TestGateway } from "@/tests/support/gateway";

let test: TestGateway;

beforeAll(async () => {
  test = await startTestGateway();
});

afterAll(async () => {
  await test?.stop();
});

describe("web push to the real services", () => {
  it("refuses an endpoint whose name resolves to a loopback address, before any request", async () => {
    // No gateway configured: this is the path real pushes take. "localhost"
    // reaches the test gateway's port only if the guard fails.
    const transport = createWebPushTransport(generateWebPushSecret(), {
      gateway: null,
      timeoutMs: 2_000,
    });
    const minted = test.gateway.mintWebSubscription("internal-1");
    const endpoint = minted.endpoint.replace("127.0.0.1", "localhost");
    const outcome = await transport.send(
      { ...minted, endpoint },
      { body: '{"herald":{"d":"1","c":"c"}}', ttlSeconds: 60, urgency: "normal", bytes: 28 },
    );
    await transport.close();
    expect(outcome).toMatchObject({ kind: "token-dead" });
    expect(outcome.kind === "token-dead" && outcome.reason).toMatch(/unsafe_endpoint/);
    const stats = test.gateway.stats();
    expect(stats.accepted + stats.rejected).toBe(0);
  });
});
