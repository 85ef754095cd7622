import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { curlCommand } from "@/components/api-reference/curl-command";
import { buildApiReference } from "@/lib/openapi/api-reference";

const context = { origin: "https://herald.example.com", appId: "app1", publicId: "app_pub" };

function operation(id: string) {
  const found = buildApiReference()
    .groups.flatMap((group) => group.operations)
    .find((entry) => entry.id === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
}

describe("the API reference's curl examples", () => {
  it("send a notification with the documented idempotency key and nothing to install", () => {
    const command = curlCommand(operation("sendNotification"), context);
    expect(command).toContain('-H "Idempotency-Key: order-A-1001-shipped"');
    // Only the key comes from the environment: no command substitution, which
    // needs a tool (uuidgen) many Linux images lack.
    expect(command).not.toContain("$(");
    expect(command.match(/\$\w+/g)).toEqual(["$HERALD_API_KEY"]);
    // The body reads as written: no single quote in it to escape as '\''.
    expect(command).not.toContain("'\\''");
  });

  it("parse in a POSIX shell into curl's arguments, the body intact", () => {
    const command = curlCommand(operation("sendNotification"), context);
    // printf stands in for curl: the shell's own word splitting and quoting apply.
    const output = execFileSync("sh", ["-c", command.replace(/^curl/, "printf '%s\\n'")], {
      env: { ...process.env, HERALD_API_KEY: "hk_test" },
      encoding: "utf8",
    });
    const args = output.trimEnd().split("\n");
    expect(args.slice(0, 3)).toEqual([
      "-X",
      "POST",
      "https://herald.example.com/api/v1/notifications",
    ]);
    expect(args).toContain("Authorization: Bearer hk_test");
    const body = output.slice(output.indexOf("{"));
    expect(JSON.parse(body)).toMatchObject({
      audience: { type: "subscribers", externalIds: ["user-42"] },
      category: "transactional",
    });
  });
});
