import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";

/** Names are unique per app: a clash is a 409 blaming `name`, anything else is rethrown. */
export function rethrowNameConflict(error: unknown, name: string | undefined): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    const message = `another segment is already called “${name ?? ""}”`;
    throw new AppError("conflict", `name: ${message}`, { fields: [{ field: "name", message }] });
  }
  throw error;
}
