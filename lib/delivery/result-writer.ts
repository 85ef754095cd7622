import { type DeliveryResult, deactivateDevices, recordResults } from "./record-outcomes";

export interface DeadDevice {
  deviceId: bigint;
  unregisteredAt: Date | null;
  reason: string;
}

/**
 * Records results while the batch is still sending, every `flushSize`
 * results. A worker that dies mid-batch then re-sends only what it had not
 * recorded yet: the duplicates a crash can cause stay near the requests in
 * flight, not the whole batch.
 */
export class ResultWriter {
  private results: DeliveryResult[] = [];
  private dead: DeadDevice[] = [];
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly claimToken: string,
    private readonly flushSize: number,
  ) {}

  add(result: DeliveryResult, deadDevice?: DeadDevice): void {
    this.results.push(result);
    if (deadDevice) this.dead.push(deadDevice);
    if (this.results.length >= this.flushSize) void this.flush().catch(() => {});
  }

  /** Writes what is buffered, after any write already under way; rejects if a write failed. */
  flush(): Promise<void> {
    const results = this.results;
    const dead = this.dead;
    this.results = [];
    this.dead = [];
    this.writing = this.writing.then(async () => {
      // Dead tokens first: a device must be inactive before its campaign can complete.
      await deactivateDevices(dead);
      await recordResults(this.claimToken, results);
    });
    return this.writing;
  }
}
