import { failure, type CliError } from '../cli-errors.js';

/** Why the gateway could not listen, in words, for the errors people meet; undefined for others. */
export function listenFailure(error: unknown, host: string, port: number): CliError | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EADDRINUSE') return failure(`port ${port} on ${host} is taken by another program: choose another with --port`);
  if (code === 'EACCES') return failure(`no permission to listen on port ${port}: ports below 1024 need privileges; choose another with --port`);
  if (code === 'EADDRNOTAVAIL') {
    return failure(`--host ${host} is not an address of this machine: use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return failure(`--host ${host} does not resolve: use 127.0.0.1 or 0.0.0.0`);
  return undefined;
}
