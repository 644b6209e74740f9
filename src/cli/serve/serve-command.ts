import { routerFromConfig } from '../../config-file/router-from-config.js';
import type { LoadedConfig } from '../../config-file/loaded-config.js';
import type { Router } from '../../router.js';
import { createGateway, type Gateway } from '../../server/create-gateway.js';
import { openDatabase } from '../../server/db/open-database.js';
import { CONFIG_FLAG, modelNames, readConfig } from '../cli-config.js';
import { cliDatabase, type CliDatabase } from '../cli-database.js';
import { failure } from '../cli-errors.js';
import type { Command } from '../command.js';
import { stateStoreLabel } from '../config-summary.js';
import { integerFlag, textFlag } from '../flags.js';
import { listenFailure } from './listen-errors.js';
import { LITELLM_FLAG_ADVICE } from './litellm-flag-advice.js';
import { attachObservability, countMetricsFromStart } from './observability.js';
import { seedRecords } from './seed-records.js';
import { serveLog, type ServeLog } from './serve-log.js';
import { untilSignal } from './until-signal.js';

export const DEFAULT_PORT = 8000;
export const DEFAULT_HOST = '0.0.0.0';

/** The file's `environment_variables` for the process too (what the process was given wins), as LiteLLM sets them. */
function applyEnvironmentVariables(config: LoadedConfig): void {
  for (const [name, value] of Object.entries(config.environmentVariables)) {
    if (process.env[name] === undefined || process.env[name] === '') process.env[name] = value;
  }
}

function masterKeyOf(config: LoadedConfig): string {
  if (config.gateway.masterKey) return config.gateway.masterKey;
  throw failure(
    'no master key: set general_settings.master_key in the file (e.g. os.environ/SWITCHYARD_MASTER_KEY), ' +
      'or the SWITCHYARD_MASTER_KEY or LITELLM_MASTER_KEY environment variable. It authorizes the admin routes and every model.',
  );
}

/** The file's users and keys, made before the gateway loads its records (so their budgets hold from the first call). */
async function seed(config: LoadedConfig, configPath: string, database: CliDatabase, log: ServeLog): Promise<void> {
  if (config.users.length === 0 && config.keys.length === 0) return;
  if (database.inMemory) {
    log.warn(`user_config and key_settings: not made, the database is SQLite in memory (${database.source}): name a file or Postgres`);
    return;
  }
  const db = await openDatabase(database.url, config.gateway.tablePrefix === undefined ? {} : { prefix: config.gateway.tablePrefix });
  try {
    const { made, skipped } = await seedRecords(db, config, configPath, Date.now());
    made.forEach((line) => log.info('seed', line));
    skipped.forEach((line) => log.warn(line));
  } finally {
    await db.close();
  }
}

function warnAboutFile(config: LoadedConfig, log: ServeLog): void {
  config.warnings.forEach((warning) => log.warn(warning));
  if (config.gatewayMaxParallelRequests !== undefined) {
    log.warn(
      'general_settings.global_max_parallel_requests: not enforced by switchyard serve; ' +
        "keys' max_parallel_requests and deployments' litellm_params.max_parallel_requests are",
    );
  }
}

interface Running {
  router: Router;
  gateway: Gateway;
  stopObserving: () => void;
}

async function stop(running: Partial<Running>): Promise<void> {
  try {
    await running.gateway?.close();
  } finally {
    running.stopObserving?.();
    await running.router?.close();
  }
}

export const serveCommand: Command = {
  name: 'serve',
  summary: "Serves the config's models as an OpenAI-compatible gateway, with virtual keys, budgets and spend logs, until SIGTERM or Ctrl-C.",
  usage: `--config FILE [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}] [--log-json]`,
  details: [
    "LiteLLM's form works too: switchyard --config FILE --port 8000. For more throughput run replicas sharing Redis and Postgres (deploy/), not --num_workers.",
    "The database: general_settings.database_url, else DATABASE_URL, else sqlite:./switchyard.db in the working directory. The file's user_config users " +
      'and key_settings keys that fix their key are made there when missing.',
    'SIGTERM or Ctrl-C: no new requests, those in flight finish (streams too), spend logs are written, then exit 0. A second signal exits at once.',
    'otel in litellm_settings.callbacks uses the global OpenTelemetry providers: register your SDK first, e.g. NODE_OPTIONS="--import ./otel-setup.mjs".',
  ],
  flags: {
    config: CONFIG_FLAG,
    port: { type: 'string', short: 'p', value: 'PORT', help: `the port to listen on (default ${DEFAULT_PORT}; 0: any free port)` },
    host: { type: 'string', value: 'HOST', help: `the address to listen on (default ${DEFAULT_HOST}, every interface; 127.0.0.1: this machine only)` },
    'log-json': {
      type: 'boolean',
      aliases: ['json_logs', 'detailed_debug', 'debug'],
      help: "one JSON line per call (and per event of the gateway) on stdout; LiteLLM's spellings do the same",
    },
  },
  advice: LITELLM_FLAG_ADVICE,
  async run({ flags }, io) {
    const port = integerFlag(this.name, 'port', flags.port, 0, 65535) ?? DEFAULT_PORT;
    const host = textFlag(flags.host) ?? DEFAULT_HOST;
    const config = await readConfig(this.name, flags.config);
    const configPath = flags.config as string;
    const log = serveLog(io, flags['log-json'] === true || config.observability.jsonLogs);
    warnAboutFile(config, log);
    applyEnvironmentVariables(config);
    const masterKey = masterKeyOf(config);
    const database = cliDatabase(config);
    await seed(config, configPath, database, log);

    const running: Partial<Running> = {};
    let url: string;
    try {
      running.router = await routerFromConfig(config);
      running.stopObserving = await attachObservability(running.router, config, log);
      running.gateway = await createGateway({ ...config.gateway, router: running.router, masterKey, database: database.url });
      await countMetricsFromStart(running.gateway, config, masterKey, log);
      url = (await running.gateway.listen({ port, host }).catch((error: unknown) => Promise.reject(listenFailure(error, host, port) ?? error))).url;
    } catch (error) {
      await stop(running);
      throw error;
    }
    // Signals are heard before the start line goes out: whoever waits for that line may send one at once.
    const signalled = untilSignal((second) => {
      log.warn(`${second} again: exiting without waiting for the calls in flight`);
      process.exit(130);
    });
    const models = modelNames(config);
    log.info(
      'start',
      `switchyard gateway on ${url} (host ${host}) · models: ${models.join(', ')} · database: ${database.location} · state: ${stateStoreLabel(config)}`,
      { url, host, models, database: database.location, state: stateStoreLabel(config) },
    );
    const signal = await signalled;
    log.info('stop', `${signal}: stopping (calls in flight finish, spend logs are written)`, { signal });
    await stop(running);
    log.info('stopped', 'switchyard gateway stopped');
    return 0;
  },
};
