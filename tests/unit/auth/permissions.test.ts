import { describe, expect, it } from "vitest";
import {
  apiKeyScopeDescriptions,
  apiKeyScopes,
  assignableRoles,
  can,
  grantableScopes,
  permissions,
  permissionsOf,
} from "@/lib/auth/permissions";
import type { Role } from "@/lib/db/generated/enums";

const roles: Role[] = ["owner", "admin", "marketer", "analyst", "developer"];

describe("role permissions", () => {
  it("gives owners every permission and admins all but deleting the app", () => {
    expect(permissionsOf("owner")).toEqual([...permissions]);
    expect(permissionsOf("admin")).toEqual(permissions.filter((p) => p !== "app:delete"));
  });

  it("lets every role read the app, and only owners delete it", () => {
    for (const role of roles) {
      expect(can(role, "app:read")).toBe(true);
      expect(can(role, "app:delete")).toBe(role === "owner");
    }
  });

  it("keeps keys and credentials away from marketers and analysts", () => {
    for (const role of ["marketer", "analyst"] as const) {
      expect(can(role, "api_keys:read")).toBe(false);
      expect(can(role, "api_keys:manage")).toBe(false);
      expect(can(role, "credentials:read")).toBe(false);
      expect(can(role, "credentials:manage")).toBe(false);
      expect(can(role, "members:manage")).toBe(false);
      expect(can(role, "app:update")).toBe(false);
    }
  });

  it("lets marketers run campaigns, analysts only read, developers integrate", () => {
    expect(can("marketer", "campaigns:launch")).toBe(true);
    expect(can("marketer", "audience:write")).toBe(true);
    expect(can("marketer", "audit:read")).toBe(false);
    expect(permissionsOf("analyst").every((p) => p.endsWith(":read"))).toBe(true);
    expect(can("analyst", "campaigns:write")).toBe(false);
    expect(can("developer", "api_keys:manage")).toBe(true);
    expect(can("developer", "credentials:manage")).toBe(true);
    expect(can("developer", "campaigns:launch")).toBe(false);
    expect(can("developer", "members:manage")).toBe(false);
  });

  it("lets members create keys only within their own rights, and developers send keys", () => {
    expect(grantableScopes("owner")).toEqual([...apiKeyScopes]);
    expect(grantableScopes("admin")).toEqual([...apiKeyScopes]);
    // Developers integrate (their servers send transactional pushes), but an admin key would
    // change the app's settings, which their role may not.
    expect(grantableScopes("developer")).toEqual(["send", "ingest", "read"]);
    expect(grantableScopes("marketer")).toEqual([]);
    expect(grantableScopes("analyst")).toEqual([]);
  });

  it("lets nobody grant a role above their own", () => {
    expect(assignableRoles("owner")).toEqual(roles);
    expect(assignableRoles("admin")).not.toContain("owner");
    expect(assignableRoles("admin")).toContain("admin");
    for (const role of ["marketer", "analyst", "developer"] as const) {
      expect(assignableRoles(role)).toEqual([]);
      expect(can(role, "members:manage")).toBe(false);
    }
    // Whoever may grant roles must also hold members:manage, and vice versa.
    for (const role of roles) {
      expect(assignableRoles(role).length > 0).toBe(can(role, "members:manage"));
    }
  });

  it("describes every API key scope", () => {
    for (const scope of apiKeyScopes) {
      expect(apiKeyScopeDescriptions[scope].length).toBeGreaterThan(10);
    }
  });
});
