// Pieces the load-generating processes of bench:ingest and bench:load share.
// Plain JavaScript so those processes start without a TypeScript loader.

/**
 * `size` events for subscribers `<prefix><n>`: page views, every tenth a
 * purchase with revenue, each with an event id unique to this process.
 */
export function eventBatch(counter, size, subscribers, prefix) {
  const list = [];
  for (let index = 0; index < size; index += 1) {
    counter.value += 1;
    const sequence = counter.value;
    list.push({
      externalId: `${prefix}${sequence % subscribers}`,
      name: sequence % 10 === 0 ? "purchase" : "page_viewed",
      properties: { path: `/p/${sequence % 100}` },
      ...(sequence % 10 === 0 ? { revenue: 12.5, currency: "EUR" } : {}),
      eventId: `e-${process.pid}-${sequence}`,
    });
  }
  return list;
}

/** The value at `share` (0–1) of an ascending list. */
export function percentile(sorted, share) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}
