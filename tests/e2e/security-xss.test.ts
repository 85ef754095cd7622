import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { getDb } from "@/lib/db/client";
import { launchBrowser, newContext, type TestContext } from "@/tests/support/browser";
import { createTestApp, createUser, randomId, type TestApp } from "@/tests/support/factories";
import { seedSentCampaign } from "../integration/api/support";

// Stored XSS: script and HTML payloads are written wherever the dashboard
// shows stored text — the app's and a member's name, campaign names and
// content (title, body, buttons, custom data, links and image URLs the API
// would refuse, written to the table directly), Liquid that outputs HTML,
// subscriber external ids, attribute keys and values, tags, event names and
// properties, segment, topic and API key names. Every screen that shows them
// is opened; each payload would push its label onto window.__xss if it ran.
// On every screen: nothing ran, no dialog opened, no element carries a
// payload's handler or a javascript: link, and the payload reads as text.

const baseUrl = inject("heraldBaseUrl");

/** An attribute-free <img> whose error handler records `label`. */
const img = (label: string) => `<img src=x onerror="window.__xss.push('${label}')">`;
const script = (label: string) => `<script>window.__xss.push('${label}')</script>`;
const svg = (label: string) => `<svg onload="window.__xss.push('${label}')"></svg>`;
/** Breaks out of a quoted attribute, then out of the tag. */
const attribute = (label: string) =>
  `" autofocus onfocus="window.__xss.push('${label}')" x="'><img src=x onerror=window.__xss.push('${label}')>`;
const jsUrl = (label: string) => `javascript:window.__xss.push('${label}')`;

const payloads = {
  app: `Shop ${attribute("app")}`,
  member: `Mallory ${img("member")}`,
  apiKey: `Key ${svg("api-key")}`,
  topic: `Deals ${img("topic")}`,
  segment: `VIPs ${script("segment")}`,
  campaign: `Sale ${img("campaign")}`,
  sentCampaign: `=1+2 ${img("sent-campaign")}`,
  title: `Title ${script("title")}`,
  body: `Body ${img("body")}`,
  button: `Go ${svg("button")}`,
  data: `Data ${img("data")}`,
  externalId: `ext ${img("external-id")}`,
  attributeValue: `${script("attribute")}`,
  nickname: `${img("nickname")}`,
  attributeKey: `key<img src=x onerror=window.__xss.push('attribute-key')>`,
  tag: `tag ${img("tag")}`,
  event: `event<svg onload=window.__xss.push('event')>`,
  propertyKey: `prop<img src=x onerror=window.__xss.push('property-key')>`,
  propertyValue: `${img("property")}`,
  liquid: `<img src=x onerror=window.__xss.push('liquid')>`,
};

let browser: Browser;
let session: TestContext;
let app: TestApp;
let draftId = "";
let sentId = "";
let subscriberId = "";
let segmentId = "";
const dialogs: string[] = [];

async function seed(): Promise<void> {
  const db = getDb();
  app = await createTestApp(payloads.app);
  const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
  const member = await createUser({ name: payloads.member });
  await db.membership.create({ data: { appId: app.id, userId: member.id, role: "marketer" } });
  await createApiKey(app.id, { name: payloads.apiKey, scopes: ["read"] }, actor);
  await db.topic.create({ data: { appId: app.id, key: "deals", name: payloads.topic } });
  const segment = await db.segment.create({
    data: {
      appId: app.id,
      name: payloads.segment,
      definition: { version: 1, root: { type: "group", combinator: "and", children: [] } },
    },
  });
  segmentId = segment.id;

  // Written to the table directly: the API refuses some of these keys and names.
  const subscriber = await db.subscriber.create({
    data: {
      appId: app.id,
      externalId: payloads.externalId,
      attributes: {
        nickname: payloads.nickname,
        bio: payloads.attributeValue,
        [payloads.attributeKey]: "yes",
      },
      tags: [payloads.tag],
    },
  });
  subscriberId = subscriber.id.toString();
  await db.device.create({
    data: {
      appId: app.id,
      subscriberId: subscriber.id,
      platform: "ios",
      address: randomId(64),
      optedInAt: new Date(),
    },
  });
  await db.event.create({
    data: {
      appId: app.id,
      subscriberId: subscriber.id,
      name: payloads.event,
      properties: { [payloads.propertyKey]: payloads.propertyValue },
      occurredAt: new Date(),
    },
  });

  // A draft for the composer: valid content, with Liquid that outputs HTML.
  const draft = await createCampaign(
    app.id,
    createCampaignSchema.parse({
      name: payloads.campaign,
      variants: [
        {
          content: {
            title: payloads.title,
            body: `Hi {{ nickname }} {{ "${payloads.liquid}" }}`,
            // A valid https URL that would close the src attribute if pasted into HTML.
            imageUrl: `https://cdn.example.com/a.png"onerror="window.__xss.push('preview-image')`,
            actions: [{ id: "go", title: payloads.button, url: "https://shop.example.com" }],
            data: { note: payloads.data },
          },
        },
      ],
    }),
    actor,
  );
  draftId = draft.id;

  // A campaign already sent to the subscriber, for the detail page, history and analytics,
  // with links the API would refuse.
  const sent = await seedSentCampaign(app, 2);
  sentId = sent.campaignId;
  await db.campaign.update({ where: { id: sentId }, data: { name: payloads.sentCampaign } });
  await db.variant.updateMany({
    where: { campaignId: sentId },
    data: {
      content: {
        title: payloads.title,
        body: payloads.body,
        url: jsUrl("url"),
        imageUrl: `https://cdn.example.com/a.png" onerror="window.__xss.push('image')`,
        actions: [{ id: "go", title: payloads.button, url: jsUrl("button-url") }],
        data: { note: payloads.data },
      },
    },
  });
  await db.delivery.create({
    data: {
      appId: app.id,
      campaignId: sentId,
      subscriberId: subscriber.id,
      platform: "ios",
      status: "sent",
      sentAt: new Date(),
    },
  });
}

beforeAll(async () => {
  await seed();
  browser = await launchBrowser();
  session = await newContext(browser, baseUrl);
  // Every document gets the recorder before any of its own scripts run.
  await session.context.addInitScript(() => {
    (window as unknown as { __xss: string[] }).__xss = [];
  });
  session.page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const { page } = session;
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(app.owner.email);
  await page.getByLabel("Password").fill(app.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/apps\//);
});

afterAll(async () => {
  await browser?.close();
});

interface Findings {
  ran: string[];
  handlers: string[];
  scriptLinks: string[];
  injectedScripts: number;
  text: string;
}

/** What the page holds now: payloads that ran, and elements a payload would have made. */
function inspect(page: Page): Promise<Findings> {
  return page.evaluate(() => {
    const elements = [...document.querySelectorAll("*")];
    const handlers: string[] = [];
    for (const element of elements) {
      for (const { name, value } of element.attributes) {
        if (name.startsWith("on") && value.includes("__xss")) {
          handlers.push(`<${element.tagName.toLowerCase()} ${name}>`);
        }
      }
    }
    return {
      ran: (window as unknown as { __xss: string[] }).__xss,
      handlers,
      scriptLinks: elements
        .filter((element) =>
          ["href", "src", "action", "formaction"].some((name) =>
            /^\s*javascript:/i.test(element.getAttribute(name) ?? ""),
          ),
        )
        .map((element) => element.outerHTML.slice(0, 120)),
      // A payload's own <script>, not Next's data scripts that carry the text as a string.
      injectedScripts: [...document.scripts].filter((element) =>
        element.textContent?.trim().startsWith("window.__xss"),
      ).length,
      // What a person sees: textContent would also hold Next's data scripts, which carry every string.
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point
      text: document.body.innerText,
    };
  });
}

/** Opens `path`, waits for `ready`, and checks the screen: nothing ran, the payloads read as text. */
async function expectInert(path: string, ready: (page: Page) => Promise<unknown>, shown: string[]) {
  const { page, pageErrors } = session;
  await page.goto(path);
  await ready(page);
  // Let late images fail and late effects run before looking.
  await page.waitForLoadState("networkidle");
  const findings = await inspect(page);
  expect({ path, ran: findings.ran, handlers: findings.handlers }).toEqual({
    path,
    ran: [],
    handlers: [],
  });
  expect(findings.scriptLinks, path).toEqual([]);
  expect(findings.injectedScripts, path).toBe(0);
  for (const text of shown) expect(findings.text, `${path} shows ${text}`).toContain(text);
  expect(dialogs).toEqual([]);
  expect(pageErrors).toEqual([]);
}

const heading = (name: string) => (page: Page) =>
  page.getByRole("heading", { level: 1, name }).waitFor();

describe("stored script and HTML payloads render as text", () => {
  it("would be caught if one ran: each payload, parsed as HTML, records its label (control)", async () => {
    const html = Object.values(payloads);
    const labels = [
      ...new Set(
        html.flatMap((text) => [...text.matchAll(/push\('([^']+)'\)/g)].map((match) => match[1])),
      ),
    ];
    expect(labels.length).toBeGreaterThanOrEqual(Object.keys(payloads).length);
    const page = await session.context.newPage();
    try {
      await page.setContent(`<!doctype html><body>${html.join("\n")}</body>`);
      await expect
        .poll(async () => [...(await inspect(page)).ran].sort(), { timeout: 10_000 })
        .toEqual([...labels].sort());
    } finally {
      await page.close();
    }
  });

  it("on the overview and the settings screens", async () => {
    await expectInert(
      `/apps/${app.id}`,
      (page) => page.getByRole("heading", { name: payloads.app }).first().waitFor(),
      [payloads.app],
    );
    const { page } = session;
    await expectInert(`/apps/${app.id}/settings`, heading("General settings"), []);
    expect(await page.getByLabel("App name").inputValue()).toBe(payloads.app);
    await expectInert(
      `/apps/${app.id}/settings/members`,
      (current) => current.getByRole("cell", { name: payloads.member, exact: true }).waitFor(),
      [payloads.member],
    );
    await expectInert(
      `/apps/${app.id}/settings/api-keys`,
      (current) => current.getByText(payloads.apiKey).first().waitFor(),
      [payloads.apiKey],
    );
    await expectInert(
      `/apps/${app.id}/settings/topics`,
      (current) => current.getByText(payloads.topic).first().waitFor(),
      [payloads.topic],
    );
    await expectInert(
      `/apps/${app.id}/settings/audit-log`,
      (current) => current.getByText(payloads.campaign).first().waitFor(),
      [payloads.campaign],
    );
  });

  it("in the campaign list, a sent campaign's page and its analytics", async () => {
    await expectInert(
      `/apps/${app.id}/campaigns`,
      (page) => page.getByText(payloads.sentCampaign).first().waitFor(),
      [payloads.campaign, payloads.sentCampaign],
    );
    await expectInert(
      `/apps/${app.id}/campaigns/${sentId}`,
      (page) => page.getByText(payloads.body).first().waitFor(),
      [payloads.sentCampaign, payloads.title, payloads.body, payloads.button, jsUrl("url")],
    );
    await expectInert(
      `/apps/${app.id}/analytics/campaigns/${sentId}`,
      (page) => page.getByText(payloads.sentCampaign).first().waitFor(),
      [payloads.sentCampaign],
    );
  });

  it("in the analytics table, and its CSV export keeps a formula-like name as text", async () => {
    await expectInert(
      `/apps/${app.id}/analytics`,
      (page) => page.getByText(payloads.sentCampaign).first().waitFor(),
      [payloads.sentCampaign],
    );
    const { page } = session;
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    const csv = await readFile((await download.path()) ?? "", "utf8");
    // The apostrophe keeps a spreadsheet from running it; quotes keep the text whole.
    expect(csv).toContain(`"'${payloads.sentCampaign.replaceAll('"', '""')}"`);
  });

  it("in the composer, its previews for a subscriber whose attributes hold HTML, and Liquid that outputs HTML", async () => {
    await expectInert(
      `/apps/${app.id}/campaigns/${draftId}/edit`,
      (page) => page.getByTestId("preview-ios").waitFor(),
      [],
    );
    const { page } = session;
    await page.getByLabel("Preview as subscriber").fill(payloads.externalId);
    await page.getByLabel("Preview as subscriber").press("Enter");
    await page.getByTestId("preview-subscriber").getByText(payloads.externalId).first().waitFor();
    // The preview renders on the server for this subscriber: its nickname and the Liquid string, as text.
    await page.getByTestId("preview-ios").getByText(payloads.nickname, { exact: false }).waitFor();
    await page.waitForLoadState("networkidle");
    const findings = await inspect(page);
    expect(findings.ran).toEqual([]);
    expect(findings.handlers).toEqual([]);
    expect(findings.text).toContain(`Hi ${payloads.nickname} ${payloads.liquid}`);
    expect(findings.text).toContain(payloads.title);
    expect(dialogs).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });

  it("in the subscriber explorer and profile", async () => {
    await expectInert(
      `/apps/${app.id}/subscribers`,
      (page) => page.getByText(payloads.externalId).first().waitFor(),
      [payloads.externalId, payloads.tag],
    );
    await expectInert(
      `/apps/${app.id}/subscribers/${subscriberId}`,
      (page) => page.getByText(payloads.event).first().waitFor(),
      [
        payloads.externalId,
        payloads.nickname,
        payloads.attributeValue,
        payloads.attributeKey,
        payloads.tag,
        payloads.event,
        payloads.sentCampaign,
      ],
    );
  });

  it("in the segment list and the field picker, which offers the stored keys and names", async () => {
    await expectInert(
      `/apps/${app.id}/segments`,
      (page) => page.getByText(payloads.segment).first().waitFor(),
      [payloads.segment],
    );
    await expectInert(`/apps/${app.id}/segments/${segmentId}`, heading(payloads.segment), [
      payloads.segment,
    ]);
    await expectInert(`/apps/${app.id}/segments/new`, heading("New segment"), []);
    const { page } = session;
    await page.getByRole("button", { name: "+ Condition", exact: true }).last().click();
    const picker = page.getByRole("combobox", { name: "Search fields, attributes and events" });
    for (const [search, shown] of [
      ["key<img", payloads.attributeKey],
      ["event<svg", payloads.event],
    ]) {
      await picker.fill(search ?? "");
      await page.getByRole("option", { name: shown }).first().waitFor();
    }
    await page.waitForLoadState("networkidle");
    const findings = await inspect(page);
    expect(findings.ran).toEqual([]);
    expect(findings.handlers).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
