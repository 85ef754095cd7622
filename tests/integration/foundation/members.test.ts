import { describe, expect, it } from "vitest";
import { DELETE as revokeInvitationRoute } from "@/app/api/v1/apps/[appId]/invitations/[invitationId]/route";
import {
  POST as inviteRoute,
  GET as listInvitationsRoute,
} from "@/app/api/v1/apps/[appId]/invitations/route";
import {
  PATCH as patchMember,
  DELETE as removeMemberRoute,
} from "@/app/api/v1/apps/[appId]/members/[memberId]/route";
import { GET as listMembersRoute } from "@/app/api/v1/apps/[appId]/members/route";
import { POST as signUpRoute } from "@/app/api/v1/auth/sign-up/route";
import { POST as acceptRoute } from "@/app/api/v1/invitations/accept/route";
import { getDb } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import type { ProblemBody } from "@/lib/http/problem";
import type { InvitationDto } from "@/lib/members/invitations";
import type { MemberDto } from "@/lib/members/members";
import {
  addMember,
  createTestApp,
  createUser,
  randomId,
  type TestApp,
  type TestUser,
} from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";

async function invite(app: TestApp, as: TestUser, email: string, role: Role) {
  return callRoute(inviteRoute, {
    path: `/api/v1/apps/${app.id}/invitations`,
    params: { appId: app.id },
    as: { user: as },
    body: { email, role },
  });
}

function tokenOf(link: string): string {
  const token = new URL(link).pathname.split("/").at(-1);
  if (!token) throw new Error(`No token in ${link}`);
  return token;
}

async function membersOf(app: TestApp): Promise<MemberDto[]> {
  const response = await callRoute(listMembersRoute, {
    path: `/api/v1/apps/${app.id}/members`,
    params: { appId: app.id },
    as: { user: app.owner },
  });
  return (await json<{ data: MemberDto[] }>(response)).data;
}

async function memberIdOf(app: TestApp, user: TestUser): Promise<string> {
  const member = (await membersOf(app)).find((entry) => entry.userId === user.id);
  if (!member) throw new Error(`${user.email} is not a member`);
  return member.id;
}

function patchRole(app: TestApp, as: TestUser, memberId: string, role: Role) {
  return callRoute(patchMember, {
    method: "PATCH",
    path: `/api/v1/apps/${app.id}/members/${memberId}`,
    params: { appId: app.id, memberId },
    as: { user: as },
    body: { role },
  });
}

function removeMember(app: TestApp, as: TestUser, memberId: string) {
  return callRoute(removeMemberRoute, {
    method: "DELETE",
    path: `/api/v1/apps/${app.id}/members/${memberId}`,
    params: { appId: app.id, memberId },
    as: { user: as },
  });
}

describe("invitations", () => {
  it("invites by email, returns the link once, and the invitee joins with the invited role", async () => {
    const app = await createTestApp();
    const invitee = await createUser();
    const response = await invite(app, app.owner, invitee.email, "marketer");
    expect(response.status).toBe(201);
    const created = await json<InvitationDto & { link: string }>(response);
    expect(created).toMatchObject({ email: invitee.email, role: "marketer" });
    expect(created.link).toMatch(/^http:\/\/localhost:\d+\/invite\/[\w-]{20,}$/);
    const token = tokenOf(created.link);

    // The list shows the pending invitation but never its token; the DB keeps only a hash.
    const listed = await callRoute(listInvitationsRoute, {
      path: `/api/v1/apps/${app.id}/invitations`,
      params: { appId: app.id },
      as: { user: app.owner },
    });
    const listedText = await listed.text();
    expect(listedText).toContain(invitee.email);
    expect(listedText).not.toContain(token);
    const rows = await getDb().$queryRawUnsafe<Record<string, unknown>[]>(
      `select * from invitations where "appId" = $1`,
      app.id,
    );
    expect(JSON.stringify(rows)).not.toContain(token);

    const accepted = await callRoute(acceptRoute, {
      path: "/api/v1/invitations/accept",
      as: { user: invitee },
      body: { token },
    });
    expect(accepted.status).toBe(200);
    expect(await json(accepted)).toEqual({ appId: app.id });
    const membership = await getDb().membership.findUniqueOrThrow({
      where: { appId_userId: { appId: app.id, userId: invitee.id } },
    });
    expect(membership.role).toBe("marketer");

    // A link works once.
    const stranger = await createUser();
    const replay = await callRoute(acceptRoute, {
      path: "/api/v1/invitations/accept",
      as: { user: stranger },
      body: { token },
    });
    expect(replay.status).toBe(404);
  });

  it("lets a new person sign up through the invitation and land in the app", async () => {
    const app = await createTestApp();
    const email = `invitee-${randomId()}@example.test`;
    const { link } = await json<{ link: string }>(await invite(app, app.owner, email, "analyst"));
    const response = await callRoute(signUpRoute, {
      path: "/api/v1/auth/sign-up",
      headers: { "x-forwarded-for": `client-${randomId()}` },
      body: { name: "Ana Lyst", email, password: "a long password", invitation: tokenOf(link) },
    });
    expect(response.status).toBe(201);
    const user = await json<{ id: string; joinedAppId: string }>(response);
    expect(user.joinedAppId).toBe(app.id);
    const members = await membersOf(app);
    expect(members.find((member) => member.userId === user.id)?.role).toBe("analyst");
  });

  it("does not let an admin grant owner, nor a marketer invite anyone", async () => {
    const app = await createTestApp();
    const admin = await addMember(app.id, "admin");
    const marketer = await addMember(app.id, "marketer");
    const asAdmin = await invite(app, admin, `x-${randomId()}@example.test`, "owner");
    expect(asAdmin.status).toBe(403);
    expect((await json<ProblemBody>(asAdmin)).errors?.[0]?.field).toBe("role");
    expect((await invite(app, admin, `y-${randomId()}@example.test`, "admin")).status).toBe(201);
    expect((await invite(app, marketer, `z-${randomId()}@example.test`, "analyst")).status).toBe(
      403,
    );

    const memberId = await memberIdOf(app, marketer);
    expect((await patchRole(app, admin, memberId, "owner")).status).toBe(403);
    const promoted = await patchRole(app, admin, memberId, "developer");
    expect(promoted.status).toBe(200);
    expect((await json<MemberDto>(promoted)).role).toBe("developer");
  });

  it("refuses to invite an existing member, and revokes a pending invitation", async () => {
    const app = await createTestApp();
    const duplicate = await invite(app, app.owner, app.owner.email, "admin");
    expect(duplicate.status).toBe(409);
    expect((await json<ProblemBody>(duplicate)).errors?.[0]?.field).toBe("email");

    const created = await json<InvitationDto & { link: string }>(
      await invite(app, app.owner, `later-${randomId()}@example.test`, "developer"),
    );
    const revoked = await callRoute(revokeInvitationRoute, {
      method: "DELETE",
      path: `/api/v1/apps/${app.id}/invitations/${created.id}`,
      params: { appId: app.id, invitationId: created.id },
      as: { user: app.owner },
    });
    expect(revoked.status).toBe(204);
    const invitee = await createUser();
    const accepted = await callRoute(acceptRoute, {
      path: "/api/v1/invitations/accept",
      as: { user: invitee },
      body: { token: tokenOf(created.link) },
    });
    expect(accepted.status).toBe(404);
  });
});

describe("owners", () => {
  it("never lets the last owner be demoted or removed, by themselves or anyone", async () => {
    const app = await createTestApp();
    const admin = await addMember(app.id, "admin");
    const ownerMemberId = await memberIdOf(app, app.owner);

    const demoted = await patchRole(app, app.owner, ownerMemberId, "admin");
    expect(demoted.status).toBe(409);
    const left = await removeMember(app, app.owner, ownerMemberId);
    expect(left.status).toBe(409);
    expect((await json<ProblemBody>(left)).detail).toMatch(/at least one owner/);
    expect((await removeMember(app, admin, ownerMemberId)).status).toBe(403);
    expect((await membersOf(app)).find((member) => member.id === ownerMemberId)?.role).toBe(
      "owner",
    );

    // With a second owner, the first may step down.
    const adminMemberId = await memberIdOf(app, admin);
    expect((await patchRole(app, app.owner, adminMemberId, "owner")).status).toBe(200);
    expect((await patchRole(app, app.owner, ownerMemberId, "admin")).status).toBe(200);
  });

  it("lets any member leave, but only managers remove others", async () => {
    const app = await createTestApp();
    const analyst = await addMember(app.id, "analyst");
    const developer = await addMember(app.id, "developer");
    const developerId = await memberIdOf(app, developer);
    expect((await removeMember(app, analyst, developerId)).status).toBe(403);
    expect((await removeMember(app, analyst, await memberIdOf(app, analyst))).status).toBe(204);
    expect((await removeMember(app, app.owner, developerId)).status).toBe(204);
    expect((await membersOf(app)).map((member) => member.userId)).toEqual([app.owner.id]);
  });
});
