import { describe, expect, it } from "vitest";
import { parseJsonBody } from "@/lib/http/read-body";
import {
  assertStorableValues,
  findUnstorableText,
  nestsDeeperThan,
  storableQueryParameters,
  unstorableTextProblem,
} from "@/lib/http/storable-text";

describe("text PostgreSQL cannot store", () => {
  it("is NUL anywhere, or half a surrogate pair; whole pairs and other text are fine", () => {
    expect(unstorableTextProblem("a\u0000b")).toMatch(/NUL/);
    expect(unstorableTextProblem("\ud800")).toMatch(/surrogate/);
    expect(unstorableTextProblem("x\udc00")).toMatch(/surrogate/);
    expect(unstorableTextProblem("\udc00\ud800")).toMatch(/surrogate/);
    expect(unstorableTextProblem("😀 مرحبا \u0001 \\u0000")).toBeNull();
  });

  it("is found in a parsed body by the dotted path of the value or key holding it", () => {
    expect(findUnstorableText({ a: [1, { b: "ok" }, { c: "x\u0000" }] })).toEqual({
      field: "a.2.c",
      message: "may not contain the NUL character (U+0000)",
    });
    expect(findUnstorableText({ attributes: { "k\ud800": 1 } })?.field).toBe("attributes.k\ud800");
    expect(findUnstorableText({ first: "\u0000", second: "\u0000" })?.field).toBe("first");
    expect(findUnstorableText(["a", { b: null, c: [true, 3] }], ["events"])).toBeNull();
  });

  it("includes the key __proto__, which copying an object would drop, however the JSON spells it", () => {
    const parsed = JSON.parse('{"data":{"ok":1,"__proto__":{"polluted":true}}}');
    expect(findUnstorableText(parsed)).toEqual({
      field: "data.__proto__",
      message: '(a key) "__proto__" is a reserved name',
    });
    expect(() => parseJsonBody('{"data":{"\\u005f_proto__":1}}')).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({
          fields: [{ field: "data.__proto__", message: '(a key) "__proto__" is a reserved name' }],
        }),
      }),
    );
    expect(parseJsonBody('{"data":{"proto":1,"note":"__proto__ as a value is text"}}')).toEqual({
      data: { proto: 1, note: "__proto__ as a value is text" },
    });
  });

  it("in a path or query value is a 400 naming it", () => {
    expect(() => assertStorableValues({ q: "a\u0000" }, ["query"])).toThrow(
      expect.objectContaining({
        code: "validation_failed",
        details: expect.objectContaining({
          fields: [{ field: "query.q", message: "may not contain the NUL character (U+0000)" }],
        }),
      }),
    );
    expect(() => assertStorableValues({ externalId: "ada" })).not.toThrow();
  });

  it("in a query string is refused under query.<name>; a storable one comes back as an object", () => {
    expect(() => storableQueryParameters(new URLSearchParams("limit=5&q=%00"))).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({
          fields: [expect.objectContaining({ field: "query.q" })],
        }),
      }),
    );
    expect(storableQueryParameters(new URLSearchParams("limit=5&q=caf%C3%A9"))).toEqual({
      limit: "5",
      q: "café",
    });
  });
});

describe("nesting depth of JSON text", () => {
  it("counts objects and arrays, not brackets inside strings", () => {
    expect(nestsDeeperThan('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":"[[[[{{{{"}', 1)).toBe(false);
    expect(nestsDeeperThan('{"a":"\\"[[[[","b":{}}', 1)).toBe(true);
    expect(nestsDeeperThan('{"a":"\\\\","b":"[[["}', 1)).toBe(false);
  });
});
