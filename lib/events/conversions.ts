/** Events that count as a conversion. Per-app conversion events can extend this later. */
export const conversionEventNames: ReadonlySet<string> = new Set(["purchase"]);

export function isConversionEvent(name: string): boolean {
  return conversionEventNames.has(name);
}
