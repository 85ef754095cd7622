import type { Role } from "@/lib/db/generated/enums";

export const permissions = [
  "app:read",
  "app:update",
  "app:delete",
  "members:read",
  "members:manage",
  "api_keys:read",
  "api_keys:manage",
  "credentials:read",
  "credentials:manage",
  "audience:read",
  "audience:write",
  "campaigns:read",
  "campaigns:write",
  "campaigns:launch",
  "analytics:read",
  "audit:read",
] as const;

export type Permission = (typeof permissions)[number];

const readOnly: Permission[] = [
  "app:read",
  "members:read",
  "audience:read",
  "campaigns:read",
  "analytics:read",
];

// Who may do what, in one place. Analysts read; marketers run campaigns and
// audiences; developers own keys, credentials and integration; admins all
// but deleting the app; owners everything.
const grants: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(permissions),
  admin: new Set(permissions.filter((permission) => permission !== "app:delete")),
  marketer: new Set([...readOnly, "audience:write", "campaigns:write", "campaigns:launch"]),
  analyst: new Set([...readOnly, "audit:read"]),
  developer: new Set([
    ...readOnly,
    "api_keys:read",
    "api_keys:manage",
    "credentials:read",
    "credentials:manage",
    "audience:write",
    "audit:read",
  ]),
};

export function can(role: Role, permission: Permission): boolean {
  return grants[role].has(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return permissions.filter((permission) => grants[role].has(permission));
}

/** Roles a member with `role` may hand out: nobody grants more than they hold. */
export function assignableRoles(role: Role): Role[] {
  if (role === "owner") return ["owner", "admin", "marketer", "analyst", "developer"];
  if (role === "admin") return ["admin", "marketer", "analyst", "developer"];
  return [];
}

export const apiKeyScopes = ["send", "ingest", "read", "admin"] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/**
 * What a key with each scope can do, as the permissions a member needs for
 * the same routes (the route matrix checks this against every route's
 * declaration). `admin` holds every scope.
 */
export const apiKeyScopePermissions: Record<ApiKeyScope, readonly Permission[]> = {
  read: ["app:read", "audience:read", "campaigns:read", "analytics:read"],
  ingest: ["audience:write"],
  send: ["campaigns:write", "campaigns:launch"],
  admin: [
    "app:read",
    "app:update",
    "audience:read",
    "audience:write",
    "campaigns:read",
    "campaigns:write",
    "campaigns:launch",
    "analytics:read",
  ],
};

/**
 * The scopes a member may put on a key they create: no key does more than
 * its creator may, or a developer could mint an admin key and change the
 * app's settings. One exception by design: developers integrate, and their
 * servers send transactional pushes with a `send` key, though the role
 * launches nothing in the dashboard.
 */
export function grantableScopes(role: Role): ApiKeyScope[] {
  if (!can(role, "api_keys:manage")) return [];
  return apiKeyScopes.filter(
    (scope) =>
      apiKeyScopePermissions[scope].every((permission) => can(role, permission)) ||
      scope === "send",
  );
}

export const apiKeyScopeDescriptions: Record<ApiKeyScope, string> = {
  send: "Send notifications and manage campaigns (add read to follow their progress)",
  ingest: "Register subscribers and devices, track events",
  read: "Read subscribers, segments, campaigns and stats",
  admin: "Everything, including segments, topics and app settings",
};
