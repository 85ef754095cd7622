/**
 * Node flags the worker process runs with (npm start, tests, benchmarks; the
 * README's production command too). V8 lets a busy worker's heap grow to
 * about four times what is live before a full collection (~50 MB live, 200+
 * MB heap, 400 MB resident); capped, it collects sooner at no measurable CPU
 * cost and the worker stays near 250 MB whatever the audience size. What a
 * worker holds is bounded (send jobs × batch size, one launch chunk), far
 * below the cap.
 */
export const workerNodeFlags = ["--max-old-space-size=192"];

function positiveInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * Throughput knobs, from the environment so a benchmark can try settings
 * without a code change. Defaults measured on a 2-core machine.
 */
export function deliveryTuning() {
  return {
    /** Devices materialised per launch query. */
    launchChunkSize: positiveInt("HERALD_LAUNCH_CHUNK", 20_000),
    /** Recipients per send job (DESIGN: a few hundred; one job per recipient costs ~60 µs). */
    sendBatchSize: positiveInt("HERALD_SEND_BATCH", 500),
    /** Send jobs a worker runs at once. */
    sendJobConcurrency: positiveInt("HERALD_SEND_JOB_CONCURRENCY", 8),
    /** Results recorded per write while a batch sends (bounds a crash's re-sends). */
    resultFlushSize: positiveInt("HERALD_RESULT_FLUSH", 100),
    /** Requests in flight per send job. */
    requestConcurrency: positiveInt("HERALD_SEND_REQUEST_CONCURRENCY", 64),
    /** After this, a claimed row whose job vanished may be taken by another job. */
    claimLeaseMs: positiveInt("HERALD_CLAIM_LEASE_MS", 10 * 60_000),
    /**
     * How long a worker's hold on a job lasts without renewal; a job of a
     * dead worker runs again elsewhere within about twice this.
     */
    jobLockMs: positiveInt("HERALD_JOB_LOCK_MS", 30_000),
    /** Maintenance tick: launches due campaigns and reconciles lost work. */
    tickMs: positiveInt("HERALD_TICK_MS", 15_000),
    /** How long a due row may wait unpicked before the reconciler assumes its job is gone. */
    reconcileStaleMs: positiveInt("HERALD_RECONCILE_STALE_MS", 2 * 60_000),
    /** Give up on a recipient after this many attempts. */
    maxAttempts: positiveInt("HERALD_MAX_SEND_ATTEMPTS", 10),
  };
}
