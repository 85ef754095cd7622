import type { ReferenceOperation } from "@/lib/openapi/api-reference";

/** Safe inside single quotes in a POSIX shell. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function placeholder(name: string): string {
  return `YOUR_${name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}`;
}

/**
 * A curl command for an operation against this Herald, with the app's own
 * ids filled in and the key left to an environment variable so a copied
 * command never carries a secret.
 */
export function curlCommand(
  operation: ReferenceOperation,
  context: { origin: string; appId: string; publicId: string },
): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === "publicId") return context.publicId;
    if (name === "appId") return context.appId;
    const parameter = operation.parameters.find((entry) => entry.name === name);
    return encodeURIComponent(parameter?.example ?? placeholder(name));
  });
  const lines = [
    `curl${operation.method === "GET" ? "" : ` -X ${operation.method}`} "${context.origin}${path}"`,
  ];
  if (operation.auth === "apiKey") lines.push(`-H "Authorization: Bearer $HERALD_API_KEY"`);
  if (operation.auth === "sdkDevice")
    lines.push(`-H "X-Herald-Device-Token: $HERALD_DEVICE_TOKEN"`);
  // The documented example key, not `$(uuidgen)`: that tool is missing from
  // many Linux images (the copied command then fails the substitution and
  // sends no key), and a key named after the business event is the point.
  const idempotency = operation.parameters.find(
    (parameter) => parameter.name === "Idempotency-Key",
  );
  if (idempotency) {
    lines.push(`-H "Idempotency-Key: ${idempotency.example ?? placeholder("idempotencyKey")}"`);
  }
  if (operation.body) {
    lines.push(`-H "Content-Type: application/json"`);
    lines.push(`-d ${shellQuote(JSON.stringify(operation.example ?? {}, null, 2))}`);
  }
  return lines.join(" \\\n  ");
}
