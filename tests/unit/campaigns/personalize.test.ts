import { describe, expect, it } from "vitest";
import { describeTemplateError, personalize, validateTemplate } from "@/lib/campaigns/personalize";
import { personalizeContent } from "@/lib/campaigns/personalize-content";

const context = (attributes: Record<string, unknown>) => ({
  externalId: "u1",
  attributes,
  locale: "fr-FR",
  timezone: "Europe/Paris",
  country: "FR",
});

describe("personalisation", () => {
  it("falls back when an attribute is missing and fills it when present", () => {
    const template = 'Hi {{ first_name | default: "there" }}!';
    expect(personalize(template, context({}))).toBe("Hi there!");
    expect(personalize(template, context({ first_name: "Ada" }))).toBe("Hi Ada!");
  });

  it("exposes subscriber fields and renders every text of the content, overrides included", () => {
    const content = personalizeContent(
      {
        title: "{{ subscriber.country }} deals",
        body: "{{ points | default: 0 }} points",
        url: "/u/{{ subscriber.external_id }}",
        overrides: { ios: { title: "Salut {{ first_name }}" } },
      },
      context({ first_name: "Ada", points: 42 }),
    );
    expect(content.title).toBe("FR deals");
    expect(content.body).toBe("42 points");
    expect(content.url).toBe("/u/u1");
    expect(content.overrides?.ios?.title).toBe("Salut Ada");
  });

  it("refuses an unknown filter at validation instead of at send time", () => {
    expect(validateTemplate("{{ name | shout }}")).toBe('"shout" is not a filter Herald knows');
    expect(validateTemplate("{{ name | upcase }}")).toBeNull();
    expect(validateTemplate("plain text")).toBeNull();
  });

  it("renders markup-looking attribute values as text, not template code", () => {
    expect(personalize("Hi {{ first_name }}", context({ first_name: "{{ secret }}" }))).toBe(
      "Hi {{ secret }}",
    );
  });
});

describe("template errors", () => {
  it("say what is wrong in a marketer's words, without the parser's line and column", () => {
    expect(validateTemplate("Hello {{ first_name | default: }")).toBe(
      "{{ first_name | default: } is not closed: end it with }}",
    );
    expect(validateTemplate("{% if vip %}Hi")).toBe("{% if vip %} is not closed: add {% endif %}");
    expect(validateTemplate("Hi{% endif %}")).toBe(
      "{% endif %} is not a tag Herald knows, or closes nothing",
    );
    expect(describeTemplateError("something new, line:3, col:9\nstack")).toBe("something new");
  });
});
