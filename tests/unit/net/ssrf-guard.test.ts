import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  assertPublicUrl,
  fetchPublicUrl,
  resolvePublicAddresses,
} from "@/lib/net/fetch-public-url";
import { isPublicAddress } from "@/lib/net/public-address";

describe("isPublicAddress", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd00:ec2::254",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:169.254.169.254",
    "64:ff9b::a9fe:a9fe",
    "::127.0.0.1",
    "2002:7f00:1::",
    "ff02::1",
    "[::1]",
    "not an address",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "2606:4700:4700::1111",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "172.32.0.1",
  ])("accepts %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe("resolving and fetching", () => {
  const resolvesTo =
    (...addresses: string[]) =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

  it("refuses a name if any of its addresses is private (after DNS resolution)", async () => {
    await expect(
      resolvePublicAddresses("rebind.example", resolvesTo("8.8.8.8", "10.0.0.5")),
    ).rejects.toMatchObject({
      code: "unsafe_url",
    });
    await expect(
      resolvePublicAddresses("metadata.example", resolvesTo("169.254.169.254")),
    ).rejects.toMatchObject({
      code: "unsafe_url",
    });
    await expect(
      resolvePublicAddresses("cdn.example", resolvesTo("8.8.8.8", "2606:4700::1")),
    ).resolves.toHaveLength(2);
  });

  it("refuses non-http schemes, credentials in the URL, and loopback names", async () => {
    for (const url of [
      "file:///etc/passwd",
      "gopher://x.example",
      "https://user:pass@cdn.example/a.png",
      "http://localhost/",
      "http://127.0.0.1:9/",
      "http://[::1]/",
    ]) {
      await expect(assertPublicUrl(url), url).rejects.toMatchObject({ code: "unsafe_url" });
    }
  });

  it("never connects to a loopback server, directly or through a name that resolves to it", async () => {
    let hits = 0;
    const server = createServer((_, response) => {
      hits++;
      response.end("secret");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await expect(fetchPublicUrl(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({
        code: "unsafe_url",
      });
      await expect(
        fetchPublicUrl(`http://innocent.example:${port}/`, { resolve: resolvesTo("127.0.0.1") }),
      ).rejects.toMatchObject({ code: "unsafe_url" });
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });
});
