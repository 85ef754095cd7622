/**
 * Remembers what a token verified to. Senders reuse one JWT for many requests
 * (node-apn for up to an hour, web push per origin), and an ECDSA verify costs
 * more than the rest of a request; time-based checks are redone on every use.
 */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly maxEntries = 10_000) {}

  get(token: string): T | undefined {
    return this.entries.get(token);
  }

  set(token: string, value: T): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(token, value);
  }

  clear(): void {
    this.entries.clear();
  }
}
