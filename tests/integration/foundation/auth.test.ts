import { describe, expect, it } from "vitest";
import { POST as signUpRoute } from "@/app/api/v1/auth/sign-up/route";
import { authenticateUser } from "@/lib/auth/authenticate-user";
import { verifyPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ProblemBody } from "@/lib/http/problem";
import { createUser, factoryPassword, randomId } from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";

// Sign-up is rate-limited per client IP; each call names its own so tests stay independent.
function signUp(body: unknown) {
  return callRoute(signUpRoute, {
    path: "/api/v1/auth/sign-up",
    body,
    headers: { "x-forwarded-for": `client-${randomId()}` },
  });
}

async function expectError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("sign-up", () => {
  it("creates a user with a hashed password and no app", async () => {
    const email = `New.Person-${randomId()}@Example.test`;
    const response = await signUp({ name: "New Person", email, password: "a long password" });
    expect(response.status).toBe(201);
    const body = await json(response);
    expect(body).toMatchObject({
      email: email.toLowerCase(),
      name: "New Person",
      joinedAppId: null,
    });
    expect(JSON.stringify(body)).not.toContain("password");

    const row = await getDb().user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(row.passwordHash).not.toContain("a long password");
    expect(await verifyPassword("a long password", row.passwordHash)).toBe(true);
    expect(await getDb().membership.count({ where: { userId: row.id } })).toBe(0);
  });

  it("answers 409 naming the email when it is already registered", async () => {
    const existing = await createUser();
    const response = await signUp({
      name: "Twin",
      email: existing.email.toUpperCase(),
      password: "another password",
    });
    expect(response.status).toBe(409);
    const problem = await json<ProblemBody>(response);
    expect(problem.code).toBe("conflict");
    expect(problem.errors?.[0]?.field).toBe("email");
    expect(await getDb().user.count({ where: { email: existing.email } })).toBe(1);
  });

  it("refuses an unknown body field and names it", async () => {
    const email = `role-${randomId()}@example.test`;
    const response = await signUp({
      name: "Mallory",
      email,
      password: "a long password",
      isAdmin: true,
    });
    expect(response.status).toBe(400);
    const problem = await json<ProblemBody>(response);
    expect(problem.detail).toContain("isAdmin");
    expect(problem.errors?.[0]?.detail).toContain("isAdmin");
    expect(await getDb().user.count({ where: { email } })).toBe(0);
  });

  it("refuses a malformed email and a short password, naming each", async () => {
    const response = await signUp({ name: "Bad", email: "not-an-email", password: "short" });
    expect(response.status).toBe(400);
    const problem = await json<ProblemBody>(response);
    expect(problem.errors?.map((error) => error.field).sort()).toEqual(["email", "password"]);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("refuses a body that is not JSON", async () => {
    const response = await callRoute(signUpRoute, {
      path: "/api/v1/auth/sign-up",
      rawBody: "name=x",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": "10.9.9.9",
      },
    });
    expect(response.status).toBe(415);
  });
});

describe("sign-in (authenticateUser)", () => {
  it("accepts the right password and records the login", async () => {
    const user = await createUser();
    const signedIn = await authenticateUser({
      email: user.email,
      password: factoryPassword,
      ip: `ip-${randomId()}`,
    });
    expect(signedIn).toEqual({ id: user.id, email: user.email, name: user.name });
    const row = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lastLoginAt).toBeInstanceOf(Date);
  });

  it("refuses a wrong password and an unknown email with the same message", async () => {
    const user = await createUser();
    const ip = `ip-${randomId()}`;
    const wrong = await expectError(
      authenticateUser({ email: user.email, password: "nope nope nope", ip }),
    );
    const unknown = await expectError(
      authenticateUser({
        email: `ghost-${randomId()}@example.test`,
        password: factoryPassword,
        ip,
      }),
    );
    expect(wrong.code).toBe("unauthorized");
    expect(unknown.code).toBe("unauthorized");
    expect(wrong.message).toBe(unknown.message);
  });

  it("does not count sign-ins that succeed: a shared account is never locked out", async () => {
    const user = await createUser();
    const ip = `ip-${randomId()}`;
    for (let attempt = 0; attempt < 15; attempt += 1) {
      await expect(
        authenticateUser({ email: user.email, password: factoryPassword, ip }),
      ).resolves.toMatchObject({ id: user.id });
    }
    // Failures still count from the first: the tenth wrong guess is the last one tried.
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const error = await expectError(
        authenticateUser({ email: user.email, password: `guess ${attempt}`, ip }),
      );
      expect(error.code).toBe("unauthorized");
    }
    const limited = await expectError(
      authenticateUser({ email: user.email, password: factoryPassword, ip }),
    );
    expect(limited.code).toBe("rate_limited");
  });

  it("rate-limits an address after 10 tries, even with the right password", async () => {
    const user = await createUser();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const error = await expectError(
        authenticateUser({
          email: user.email,
          password: `guess ${attempt}`,
          ip: `ip-${randomId()}`,
        }),
      );
      expect(error.code).toBe("unauthorized");
    }
    const limited = await expectError(
      authenticateUser({ email: user.email, password: factoryPassword, ip: `ip-${randomId()}` }),
    );
    expect(limited.code).toBe("rate_limited");
    expect(limited.status).toBe(429);
    expect(limited.details.retryAfterSeconds).toBeGreaterThan(0);
    // Another address is unaffected.
    const other = await createUser();
    await expect(
      authenticateUser({ email: other.email, password: factoryPassword, ip: `ip-${randomId()}` }),
    ).resolves.toMatchObject({ id: other.id });
  });
});
