import type { Role } from "@/lib/db/generated/enums";

export const roleLabels: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  marketer: "Marketer",
  analyst: "Analyst",
  developer: "Developer",
};

export const roleDescriptions: Record<Role, string> = {
  owner: "Everything, including deleting the app",
  admin: "Everything except deleting the app",
  marketer: "Campaigns, segments and audiences",
  analyst: "Read-only: analytics and the audit log",
  developer: "API keys, push credentials and integration",
};
