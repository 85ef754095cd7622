import { describe, expect, it } from "vitest";
import {
  GET as getPreferencesRoute,
  PUT as putPreferencesRoute,
} from "@/app/api/v1/subscribers/[externalId]/preferences/route";
import {
  DELETE as deleteTopicRoute,
  PATCH as patchTopicRoute,
} from "@/app/api/v1/topics/[topicId]/route";
import { POST as createTopicRoute, GET as listTopicsRoute } from "@/app/api/v1/topics/route";
import { getDb } from "@/lib/db/client";
import type { ProblemBody } from "@/lib/http/problem";
import { getSubscriberPreferences, setSubscriberPreferences } from "@/lib/topics/preferences";
import type { TopicDto, TopicPreferenceDto } from "@/lib/topics/schemas";
import {
  addMember,
  createTestApiKey,
  createTestApp,
  type TestApp,
} from "@/tests/support/factories";
import { type CallOptions, callRoute, json } from "@/tests/support/http";

type As = CallOptions["as"];

function createTopic(app: TestApp, body: unknown, as: As = { user: app.owner }) {
  return callRoute(createTopicRoute, { path: `/api/v1/topics?appId=${app.id}`, as, body });
}

async function topic(app: TestApp, key: string, name: string, defaultOptIn = true) {
  const response = await createTopic(app, { key, name, defaultOptIn });
  expect(response.status).toBe(201);
  return json<TopicDto>(response);
}

async function subscriber(app: TestApp, externalId: string) {
  return getDb().subscriber.create({ data: { appId: app.id, externalId } });
}

function preferences(app: TestApp, externalId: string, options: { body?: unknown; as?: As } = {}) {
  return callRoute(options.body === undefined ? getPreferencesRoute : putPreferencesRoute, {
    method: options.body === undefined ? "GET" : "PUT",
    path: `/api/v1/subscribers/${encodeURIComponent(externalId)}/preferences?appId=${app.id}`,
    params: { externalId },
    body: options.body,
    as: options.as ?? { user: app.owner },
  });
}

describe("topics API", () => {
  it("creates topics, lists them by name with tallies, renames, changes the default and deletes", async () => {
    const app = await createTestApp();
    const deals = await topic(app, "deals", "Deals");
    await topic(app, "order-updates", "Order updates");
    expect(deals).toMatchObject({ key: "deals", defaultOptIn: true, optedIn: 0, optedOut: 0 });

    const ada = await subscriber(app, "ada");
    await setSubscriberPreferences(app.id, { subscriberId: ada.id }, { deals: false });
    const listed = await json<{ data: TopicDto[] }>(
      await callRoute(listTopicsRoute, {
        path: `/api/v1/topics?appId=${app.id}`,
        as: { user: app.owner },
      }),
    );
    expect(listed.data.map((entry) => [entry.name, entry.optedIn, entry.optedOut])).toEqual([
      ["Deals", 0, 1],
      ["Order updates", 0, 0],
    ]);

    const patched = await callRoute(patchTopicRoute, {
      method: "PATCH",
      path: `/api/v1/topics/${deals.id}?appId=${app.id}`,
      params: { topicId: deals.id },
      as: { user: app.owner },
      body: { name: "Deals & offers", defaultOptIn: false },
    });
    expect(await json<TopicDto>(patched)).toMatchObject({
      name: "Deals & offers",
      defaultOptIn: false,
    });

    const removed = await callRoute(deleteTopicRoute, {
      method: "DELETE",
      path: `/api/v1/topics/${deals.id}?appId=${app.id}`,
      params: { topicId: deals.id },
      as: { user: app.owner },
    });
    expect(removed.status).toBe(204);
    expect(await getDb().subscriberTopicPreference.count({ where: { topicId: deals.id } })).toBe(0);
  });

  it("refuses a bad or taken key, and deleting a topic a live campaign targets", async () => {
    const app = await createTestApp();
    const bad = await createTopic(app, { key: "Order Updates", name: "Order updates" });
    expect((await json<ProblemBody>(bad)).errors?.[0]?.field).toBe("key");
    const deals = await topic(app, "deals", "Deals");
    const taken = await createTopic(app, { key: "deals", name: "More deals" });
    expect(taken.status).toBe(409);
    expect((await json<ProblemBody>(taken)).errors?.[0]?.field).toBe("key");

    await getDb().campaign.create({
      data: { appId: app.id, name: "Flash sale", status: "draft", topicId: deals.id },
    });
    const refused = await callRoute(deleteTopicRoute, {
      method: "DELETE",
      path: `/api/v1/topics/${deals.id}?appId=${app.id}`,
      params: { topicId: deals.id },
      as: { user: app.owner },
    });
    expect(refused.status).toBe(409);
    expect((await json<ProblemBody>(refused)).detail).toContain("“Flash sale”");
  });

  it("reads and sets a subscriber's preferences, with defaults where they never chose", async () => {
    const app = await createTestApp();
    await topic(app, "deals", "Deals");
    await topic(app, "new-arrivals", "New arrivals", false);
    await subscriber(app, "user/42");

    const initial = await json<{ data: TopicPreferenceDto[] }>(await preferences(app, "user/42"));
    expect(initial.data.map(({ key, optedIn, isDefault }) => [key, optedIn, isDefault])).toEqual([
      ["deals", true, true],
      ["new-arrivals", false, true],
    ]);

    const set = await preferences(app, "user/42", {
      body: { preferences: { deals: false, "new-arrivals": true } },
    });
    expect(set.status).toBe(200);
    expect(
      (await json<{ data: TopicPreferenceDto[] }>(set)).data.map(({ key, optedIn, isDefault }) => [
        key,
        optedIn,
        isDefault,
      ]),
    ).toEqual([
      ["deals", false, false],
      ["new-arrivals", true, false],
    ]);

    // null forgets the choice; topics not named keep theirs.
    await preferences(app, "user/42", { body: { preferences: { deals: null } } });
    const after = await getSubscriberPreferences(app.id, { externalId: "user/42" });
    expect(after.map(({ key, optedIn, isDefault }) => [key, optedIn, isDefault])).toEqual([
      ["deals", true, true],
      ["new-arrivals", true, false],
    ]);
  });

  it("names an unknown topic by its field and changes nothing; an unknown subscriber is a 404", async () => {
    const app = await createTestApp();
    await topic(app, "deals", "Deals");
    await subscriber(app, "ada");
    const unknown = await preferences(app, "ada", {
      body: { preferences: { deals: false, "no-such-topic": true } },
    });
    expect(unknown.status).toBe(400);
    expect((await json<ProblemBody>(unknown)).errors).toEqual([
      expect.objectContaining({ field: "preferences.no-such-topic", detail: "no such topic" }),
    ]);
    expect((await getSubscriberPreferences(app.id, { externalId: "ada" }))[0]?.optedIn).toBe(true);

    const empty = await preferences(app, "ada", { body: { preferences: {} } });
    expect((await json<ProblemBody>(empty)).errors?.[0]?.field).toBe("preferences");
    const stranger = await preferences(app, "nobody", { body: { preferences: { deals: true } } });
    expect(stranger.status).toBe(404);
    expect((await json<ProblemBody>(stranger)).detail).toBe("Subscriber nobody was not found");
  });

  it("keeps topics and preferences inside their app", async () => {
    const [app, other] = await Promise.all([createTestApp(), createTestApp()]);
    const theirs = await topic(other, "deals", "Deals");
    await subscriber(other, "their-user");
    await topic(app, "deals", "Deals");
    await subscriber(app, "ada");

    expect((await preferences(app, "their-user")).status).toBe(404);
    const patched = await callRoute(patchTopicRoute, {
      method: "PATCH",
      path: `/api/v1/topics/${theirs.id}?appId=${app.id}`,
      params: { topicId: theirs.id },
      as: { user: app.owner },
      body: { name: "Mine" },
    });
    expect(patched.status).toBe(404);
    // Setting "deals" for ada touches this app's topic only.
    await preferences(app, "ada", { body: { preferences: { deals: false } } });
    expect(await getDb().subscriberTopicPreference.count({ where: { topicId: theirs.id } })).toBe(
      0,
    );
  });

  it("lets an ingest key set preferences and a read key read them; analysts cannot write", async () => {
    const app = await createTestApp();
    await topic(app, "deals", "Deals");
    await subscriber(app, "ada");
    const ingest = await createTestApiKey(app, ["ingest"]);
    const read = await createTestApiKey(app, ["read"]);
    const analyst = await addMember(app.id, "analyst");
    const body = { preferences: { deals: false } };
    expect((await preferences(app, "ada", { body, as: { apiKey: ingest } })).status).toBe(200);
    expect((await preferences(app, "ada", { body, as: { apiKey: read } })).status).toBe(403);
    expect((await preferences(app, "ada", { as: { apiKey: read } })).status).toBe(200);
    expect((await preferences(app, "ada", { body, as: { user: analyst } })).status).toBe(403);
    expect((await createTopic(app, { key: "x", name: "X" }, { user: analyst })).status).toBe(403);
  });
});
