import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createTestApiKey, createTestApp } from "@/tests/support/factories";
import { startWebServer, type TestWebServer } from "@/tests/support/web-server";

// A deploy stops the web server with SIGTERM while apps are sending events:
// every request it answered 200 must be stored, and it must exit by itself.
// Its own server over the e2e build, since this one is stopped.

let server: TestWebServer | undefined;

afterAll(() => {
  if (server?.child.exitCode === null && server.child.pid !== undefined) {
    process.kill(-server.child.pid, "SIGKILL");
  }
});

describe("the web server stopped with SIGTERM under event traffic", () => {
  it("stores every event it answered 200, and exits 0", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["ingest"]);
    const started = await startWebServer(
      {},
      join(import.meta.dirname, "../../test-results/web-server-shutdown.log"),
    );
    server = started;
    const exited = new Promise<number | null>((resolve) =>
      started.child.once("exit", (code) => resolve(code)),
    );
    const send = (index: number) =>
      fetch(`${started.baseUrl}/api/v1/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({
          events: [{ externalId: `shopper-${index % 50}`, name: "viewed", eventId: `e${index}` }],
        }),
      }).then(
        (response) => response.status,
        () => "no answer" as const,
      );

    const requests: Promise<number | "no answer">[] = [];
    let index = 0;
    // Sends in waves until one is answered, then keeps sending through the stop.
    const firstAnswer = send(index++);
    requests.push(firstAnswer);
    for (let wave = 0; wave < 5; wave++) {
      for (let i = 0; i < 40; i++) requests.push(send(index++));
      if (wave === 1) {
        await firstAnswer;
        started.child.kill("SIGTERM");
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const statuses = await Promise.all(requests);
    const exitCode = await exited;

    const answered = statuses.filter((status) => status === 200).length;
    expect(answered).toBeGreaterThan(0);
    expect(statuses.filter((status) => status !== 200 && status !== "no answer")).toEqual([]);
    expect(await getDb().event.count({ where: { appId: app.id } })).toBe(answered);
    expect(exitCode).toBe(0);
  });
});
