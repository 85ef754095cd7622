import { describe, expect, it } from "vitest";
import {
  newCampaignDraft,
  newVariant,
  toCreateBody,
  toUpdateBody,
} from "@/components/campaign-composer/campaign-draft";
import {
  emptyContentDraft,
  fromContent,
  nextRowKey,
  platformChangeCount,
  previewableContent,
  resolvedActionIds,
  toContent,
} from "@/components/campaign-composer/content-draft";
import { describePath, validateDraft } from "@/components/campaign-composer/draft-validation";
import { estimateSendDuration } from "@/components/campaigns/estimate-duration";
import type { NotificationContent } from "@/lib/push/content";

const action = (title: string, url = "", id = "") => ({ rowKey: nextRowKey(), id, title, url });

describe("composer content", () => {
  it("sends only what is filled in, with button ids derived from their labels", () => {
    const draft = emptyContentDraft();
    draft.base = {
      ...draft.base,
      title: 'Hi {{ first_name | default: "there" }}',
      body: "",
      badge: "3",
      actions: [action("Shop now", " /sale "), action("Shop now"), action("{{ first_name }}")],
      data: [
        { rowKey: nextRowKey(), key: "order", value: "42" },
        { rowKey: nextRowKey(), key: "", value: "" },
      ],
    };
    draft.overrides.web = {
      ...draft.overrides.web,
      title: "Web title",
      silent: "off",
      actions: [],
    };
    draft.android.channelId = "deals";
    expect(toContent(draft)).toEqual({
      title: 'Hi {{ first_name | default: "there" }}',
      badge: 3,
      actions: [
        { id: "shop-now", title: "Shop now", url: "/sale" },
        { id: "shop-now-2", title: "Shop now" },
        { id: "button-3", title: "{{ first_name }}" },
      ],
      data: { order: "42" },
      android: { channelId: "deals" },
      // An empty override list means "no buttons on web"; "off" overrides a silent base.
      overrides: { web: { title: "Web title", silent: false, actions: [] } },
    });
  });

  it("keeps typed ids and makes derived ones unique around them", () => {
    expect(resolvedActionIds([action("Buy", "", "buy"), action("Buy"), action("")])).toEqual([
      "buy",
      "buy-2",
      "button-3",
    ]);
  });

  it("round-trips loaded content, keeping fields the composer does not edit", () => {
    const loaded = {
      title: "Order shipped",
      body: "It arrives tomorrow",
      url: "shop://orders/42",
      silent: true,
      actions: [{ id: "track", title: "Track", url: "/track" }],
      data: { order: "42" },
      ios: { threadId: "orders", relevanceScore: 0.5 },
      web: { requireInteraction: true, vibrate: [100, 50] },
      overrides: { ios: { title: "📦 Shipped", ios: { subtitle: "Order 42" } } },
    } satisfies NotificationContent;
    expect(toContent(fromContent(loaded))).toEqual(loaded);
  });
});

describe("a platform tab's count", () => {
  it("counts the shared fields it overrides and the settings only it has", () => {
    const draft = emptyContentDraft();
    draft.overrides.ios = { ...draft.overrides.ios, title: "Hi iPhone" };
    draft.ios = { ...draft.ios, subtitle: "Today only", interruptionLevel: "time-sensitive" };
    draft.web = { ...draft.web, requireInteraction: true };
    expect(platformChangeCount(draft, "ios")).toBe(3);
    expect(platformChangeCount(draft, "web")).toBe(1);
    expect(platformChangeCount(draft, "android")).toBe(0);
  });
});

describe("campaign draft", () => {
  it("builds a create body the API schema accepts, with the A/B test once there are two variants", () => {
    const draft = newCampaignDraft();
    draft.name = "  Spring  ";
    const first = draft.variants[0];
    if (!first) throw new Error("a new draft has one variant");
    first.content.base.title = "Hello";
    draft.variants.push(newVariant(fromContent({ title: "Hola" })));
    draft.audience.platforms = ["ios", "web"];
    const { body, errors } = validateDraft(draft);
    expect(errors).toBeNull();
    expect(body).toMatchObject({
      name: "Spring",
      audience: { type: "all", platforms: ["ios", "web"] },
      variants: [
        { name: "Variant A", weight: 1, content: { title: "Hello" } },
        { name: "Variant B", weight: 1, content: { title: "Hola" } },
      ],
      experiment: {
        mode: "winner",
        testPercent: 15,
        winnerMetric: "open_rate",
        windowMinutes: 240,
      },
    });
    expect(body).not.toHaveProperty("topicId");
  });

  it("names each bad field by the API's path, and stays quiet about missing text in a fresh draft", () => {
    const draft = newCampaignDraft();
    const first = draft.variants[0];
    if (!first) throw new Error("a new draft has one variant");
    expect(validateDraft(draft, { isPristine: true }).errors?.size ?? 0).toBe(0);
    expect(validateDraft(draft).errors?.get("variants.0.content.title")).toMatch(
      /needs a title or a body/,
    );

    first.content.base.title = "Hi";
    first.content.base.actions = [action("Go", "javascript:alert(1)")];
    first.content.overrides.ios.imageUrl = "http://insecure.example/a.png";
    const errors = validateDraft(draft).errors;
    expect([...(errors?.keys() ?? [])].sort()).toEqual([
      "variants.0.content.actions.0.url",
      "variants.0.content.overrides.ios.imageUrl",
    ]);
    expect(describePath("variants.0.content.actions.0.url")).toBe("Variant A · button 1 · link");
    expect(describePath("variants.0.content.ios.subtitle")).toBe("Variant A · iOS · subtitle");
    expect(describePath("variants.1.content.android.color")).toBe(
      "Variant B · Android · accent color",
    );
    expect(describePath("variants.1.content.overrides.ios.imageUrl")).toBe(
      "Variant B · iOS · image URL",
    );
  });

  it("PATCHes only the fields that changed, clearing removed ones with null", () => {
    const draft = newCampaignDraft();
    const first = draft.variants[0];
    if (!first) throw new Error("a new draft has one variant");
    first.content.base.title = "Hi";
    draft.topicId = "topic-1";
    const saved = toCreateBody(draft);
    draft.name = "Renamed";
    draft.topicId = "";
    expect(toUpdateBody(toCreateBody(draft), saved)).toEqual({ name: "Renamed", topicId: null });
    expect(toUpdateBody(saved, saved)).toEqual({});
  });
});

describe("send duration estimate", () => {
  const schedule = { type: "now" } as const;
  it("divides by the throttle when there is one, else by the assumed throughput", () => {
    expect(
      estimateSendDuration({
        devices: 60_000,
        throttlePerMinute: null,
        schedule,
        experiment: null,
      }),
    ).toMatchObject({
      seconds: 60,
    });
    const throttled = estimateSendDuration({
      devices: 6_000,
      throttlePerMinute: 1_000,
      schedule,
      experiment: null,
    });
    expect(throttled.seconds).toBe(360);
    expect(throttled.summary).toContain("about 6 minutes");
  });

  it("says when the winner of an A/B test follows", () => {
    const { summary } = estimateSendDuration({
      devices: 10_000,
      throttlePerMinute: null,
      schedule,
      experiment: {
        mode: "winner",
        testPercent: 20,
        winnerMetric: "open_rate",
        windowMinutes: 120,
        selection: "auto",
      },
    });
    expect(summary).toContain("The test group (20%, about 2,000) goes first");
    expect(summary).toContain("2 hours later");
  });
});

describe("what the preview can render while a field is wrong", () => {
  it("leaves out only the fields that do not validate, wherever they are", () => {
    expect(
      previewableContent({
        title: "Hi {{ subscriber.first_name }}",
        body: "Your order shipped",
        imageUrl: "http://insecure.example/a.png",
        actions: [
          { id: "track", title: "Track", url: "https://shop.example/track" },
          { id: "bad", title: "Open", url: "javascript:alert(1)" },
          { id: "", title: "No id" },
        ],
        overrides: { ios: { sound: "no spaces allowed", badge: 3 } },
      }),
    ).toEqual({
      title: "Hi {{ subscriber.first_name }}",
      body: "Your order shipped",
      actions: [
        { id: "track", title: "Track", url: "https://shop.example/track" },
        { id: "bad", title: "Open" },
      ],
      overrides: { ios: { badge: 3 } },
    });
  });

  it("renders valid content as it is, and gives up when nothing visible is left", () => {
    const valid = { title: "Hello", body: "World", badge: 2 };
    expect(previewableContent(valid)).toEqual(valid);
    expect(previewableContent({ title: "x".repeat(2_000) })).toBeNull();
  });
});
