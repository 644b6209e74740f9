import type { LoadedConfig } from '../../config-file/loaded-config.js';
import { Router } from '../../router.js';
import { CONFIG_FLAG, readConfig } from '../cli-config.js';
import { cliDatabase } from '../cli-database.js';
import type { Command } from '../command.js';
import { cacheLabel, stateStoreLabel } from '../config-summary.js';
import { deploymentTable, findPrices } from './deployment-table.js';

function strategyName(config: LoadedConfig): string {
  const { strategy } = config.router;
  return strategy === undefined ? 'simple-shuffle (default)' : typeof strategy === 'string' ? strategy : 'custom';
}

function fallbackLabel(config: LoadedConfig): string {
  const routes = Object.entries(config.router.fallbacks ?? {}).map(([from, to]) => `${from} → ${to.join(', ')}`);
  return routes.length === 0 ? 'none' : routes.join('; ');
}

/** The gateway's settings that `serve` would use, one per line. */
function settingLines(config: LoadedConfig): string[] {
  const database = cliDatabase(config);
  return [
    `routing: ${strategyName(config)}`,
    `fallbacks: ${fallbackLabel(config)}`,
    `cache: ${cacheLabel(config)}`,
    `state: ${stateStoreLabel(config)}`,
    `database: ${database.location} (${database.source})`,
    `master key: ${config.gateway.masterKey ? 'set' : 'not set: serve needs general_settings.master_key or SWITCHYARD_MASTER_KEY'}`,
    `users in the file: ${config.users.length}, keys in the file: ${config.keys.length}`,
  ];
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'Reads a config file as `serve` would, without serving nor connecting: its deployments, settings and warnings.',
  usage: '--config FILE',
  details: [
    'Exit code 0 when the file is usable (its warnings name keys switchyard does not use); 1 when it is not, ' +
      "each problem named by its path in the file, e.g. 'model_list[2].litellm_params.rpm'.",
  ],
  flags: { config: CONFIG_FLAG },
  async run({ flags }, io) {
    const config = await readConfig(this.name, flags.config);
    const router = new Router(config.router);
    try {
      const findings = await findPrices(router);
      const deployments = router.deployments();
      io.out(`${flags.config}: ${new Set(deployments.map((d) => d.model)).size} model groups, ${deployments.length} deployments`);
      io.out('');
      deploymentTable(deployments, findings).forEach((line) => io.out(line));
      io.out('');
      settingLines(config).forEach((line) => io.out(line));
      if (findings.warmupFailure !== undefined) io.out(`prices not checked: ${findings.warmupFailure}`);
      io.out('');
      io.out(config.warnings.length === 0 ? 'no warnings' : `${config.warnings.length} warning${config.warnings.length > 1 ? 's' : ''}:`);
      config.warnings.forEach((warning) => io.out(`  - ${warning}`));
      return 0;
    } finally {
      await router.close();
    }
  },
};
