/** Concurrent calls measured the same way by every benchmark that compares sides: latency per call, wall time, this process's CPU. */

export type Call = () => Promise<unknown>;

export interface Measured {
  latenciesMs: number[];
  wallMs: number;
  /** This process's CPU time (user + system) spent on the calls: steadier than wall time on a shared machine. */
  cpuUs: number;
}

export const newMeasured = (): Measured => ({ latenciesMs: [], wallMs: 0, cpuUs: 0 });

/** `total` calls, at most `concurrency` in flight; each call's latency goes into `into`. */
export async function run(call: Call, total: number, concurrency: number, into: Measured): Promise<void> {
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      const t0 = performance.now();
      await call();
      into.latenciesMs.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const cpu = process.cpuUsage(cpu0);
  into.wallMs += performance.now() - t0;
  into.cpuUs += cpu.user + cpu.system;
}

export function summarize({ latenciesMs, wallMs, cpuUs }: Measured) {
  const sorted = Float64Array.from(latenciesMs).sort();
  const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN) * 1_000;
  return { p50Us: at(0.5), p99Us: at(0.99), rps: latenciesMs.length / (wallMs / 1_000), cpuUsPerCall: cpuUs / latenciesMs.length };
}

export type Summary = ReturnType<typeof summarize>;
