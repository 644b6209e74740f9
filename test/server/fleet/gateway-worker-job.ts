/** What one gateway-worker.ts process serves, as JSON in its environment. */
export interface GatewayWorkerJob {
  mockUrl: string;
  masterKey: string;
  database: string;
  tablePrefix: string;
  /** Absent: the router keeps its state in memory. */
  redis?: { url: string; prefix: string };
  keyRefreshMs?: number;
}

export const GATEWAY_WORKER_JOB_ENV = 'GATEWAY_WORKER_JOB';
