import {
  type DeliveryResult,
  deactivateDevices,
  isAnyTakenOver,
  recordResults,
} from "./record-outcomes";

export interface DeadDevice {
  deviceId: string;
  unregisteredAt: Date | null;
  reason: string;
}

/**
 * Another run of this send job took this run's rows: BullMQ re-ran the job
 * because this run stalled past its lock. The rows are that run's now.
 */
export class ClaimTakenOverError extends Error {
  constructor(claimToken: string) {
    super(`Another run of the send job took over the rows of ${claimToken}`);
  }
}

/**
 * Records results while the batch is still sending, every `flushSize`
 * results. A worker that dies mid-batch then re-sends only what it had not
 * recorded yet: the duplicates a crash can cause stay near the requests in
 * flight, not the whole batch. The same bound holds when the database goes
 * away: sends wait while two groups of results are unwritten, and stop at
 * the first failed write (the job fails and its re-run takes its rows back).
 * And when this run stalled so long that its job was re-run, it stops at the
 * first write that finds its rows taken (ClaimTakenOverError): a stall
 * re-sends no more than a crash would.
 */
export class ResultWriter {
  private results: DeliveryResult[] = [];
  private dead: DeadDevice[] = [];
  private writing: Promise<void> = Promise.resolve();
  /** Results added and not yet written. */
  private unwritten = 0;
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly claimToken: string,
    private readonly flushSize: number,
  ) {}

  add(result: DeliveryResult, deadDevice?: DeadDevice): void {
    this.results.push(result);
    this.unwritten += 1;
    if (deadDevice) this.dead.push(deadDevice);
    if (this.results.length >= this.flushSize) void this.flush().catch(() => {});
  }

  /**
   * Call before each send: waits while results pile up unwritten (a slow
   * database), and throws once a write has failed, so nothing more is sent
   * that could not be recorded.
   */
  async ready(): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure.error;
      if (this.unwritten < 2 * this.flushSize) return;
      await this.writing.catch(() => {});
    }
  }

  /** Writes what is buffered, after any write already under way; rejects if a write failed. */
  flush(): Promise<void> {
    const results = this.results;
    const dead = this.dead;
    this.results = [];
    this.dead = [];
    this.writing = this.writing
      .then(async () => {
        // Dead tokens first: a device must be inactive before its campaign can complete.
        await deactivateDevices(dead);
        const written = await recordResults(this.claimToken, results);
        this.unwritten -= results.length;
        if (written.length < results.length) {
          const isWritten = new Set(written);
          const missing = results.map((result) => result.id).filter((id) => !isWritten.has(id));
          if (await isAnyTakenOver(missing)) throw new ClaimTakenOverError(this.claimToken);
        }
      })
      .catch((error: unknown) => {
        this.failure ??= { error };
        throw this.failure.error;
      });
    return this.writing;
  }
}
