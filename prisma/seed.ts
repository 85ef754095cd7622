// Seeds the demo workspace on first run only: a second `npm start` finds the
// demo user and leaves everything as it is.
import { createApp } from "@/lib/apps/create-app";
import { hashPassword } from "@/lib/auth/password";
import { disconnectDb, getDb } from "@/lib/db/client";

export const demoLogin = {
  email: "demo@herald.local",
  password: "herald-demo",
  name: "Demo Marketer",
};

async function seed(): Promise<void> {
  const db = getDb();
  const existing = await db.user.findUnique({ where: { email: demoLogin.email } });
  if (existing) {
    console.log("Demo workspace already present");
    return;
  }
  const user = await db.user.create({
    data: {
      email: demoLogin.email,
      name: demoLogin.name,
      passwordHash: await hashPassword(demoLogin.password),
    },
  });
  const app = await createApp(
    { name: "Demo Store", defaultTimezone: "Europe/London", allowedOrigins: [] },
    { userId: user.id, email: user.email },
    { kind: "user", userId: user.id, email: user.email },
    { isDemo: true },
  );
  await db.topic.createMany({
    data: [
      {
        appId: app.id,
        key: "order-updates",
        name: "Order updates",
        description: "Shipping and delivery news",
      },
      { appId: app.id, key: "deals", name: "Deals", description: "Sales and discount codes" },
      { appId: app.id, key: "new-arrivals", name: "New arrivals", defaultOptIn: false },
    ],
  });
  console.log(`Seeded demo workspace: app ${app.name} (${app.id})`);
}

seed()
  .then(() => disconnectDb())
  .catch(async (error: unknown) => {
    console.error(error);
    await disconnectDb();
    process.exit(1);
  });
