import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { DEFAULT_PORT } from '../../src/cli/serve/serve-command.js';
import { loadConfig } from '../../src/config.js';
import { Router } from '../../src/index.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { dockerInstructions, execForm, type DockerInstruction } from './dockerfile-instructions.js';

/**
 * The deploy files cannot be built here (no container engine): this reads each one and asks the
 * code whether what they name exists: the routes the probes request (a real gateway answers
 * them), the port serve listens on, the variables the config reads, the files they copy.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEPLOY = join(ROOT, 'deploy');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const packageJson = JSON.parse(read('package.json')) as {
  bin: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

type Yaml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let gateway: Gateway;
let router: Router;
let gatewayUrl: string;

beforeAll(async () => {
  router = new Router({ deployments: [{ model: 'chat', provider: 'mock' }] });
  gateway = await createGateway({ router, masterKey: 'sk-deploy-test-master-key' });
  gatewayUrl = (await gateway.listen({ port: 0 })).url;
});
afterAll(async () => {
  await gateway.close();
  await router.close();
});

/** Whether the gateway answers this path with 200 to a caller with no key, as a probe calls it. */
async function answersWithoutKey(path: string): Promise<number> {
  return (await fetch(`${gatewayUrl}${path}`)).status;
}

/** `flag`'s value in an argument list: `--port 8000`. */
function flagValue(args: readonly string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at < 0 ? undefined : args[at + 1];
}

/**
 * The config loaded with exactly `env`, then again without each variable: every variable the
 * deploy file sets must change what the gateway gets (or be required), so none is misspelled.
 */
async function checkEnvironment(configText: string, env: Record<string, string>) {
  const loaded = await loadConfig(configText, { env });
  const essence = (config: Awaited<ReturnType<typeof loadConfig>>) => JSON.stringify([config.router, config.redis, config.gateway]);
  for (const name of Object.keys(env)) {
    const without = Object.fromEntries(Object.entries(env).filter(([other]) => other !== name));
    const other = await loadConfig(configText, { env: without }).then(essence, (error: Error) => error.message);
    expect(other, `${name} changes nothing the gateway reads`).not.toBe(essence(loaded));
  }
  return loaded;
}

describe('deploy/Dockerfile', () => {
  const instructions = dockerInstructions(read('deploy/Dockerfile'));
  const last = Math.max(...instructions.map((i) => i.stage));
  const runtime = instructions.filter((i) => i.stage === last);
  const one = (name: string, within: readonly DockerInstruction[] = runtime) => {
    const found = within.filter((i) => i.instruction === name);
    expect(found, `one ${name}`).toHaveLength(1);
    return found[0] as DockerInstruction;
  };
  const exposed = Number(one('EXPOSE').args);

  it('builds on node:20-slim and installs the production dependencies with the optional peers the gateway loads', () => {
    for (const from of instructions.filter((i) => i.instruction === 'FROM')) expect(from.args.split(' ')[0]).toBe('node:20-slim');
    const install = runtime.filter((i) => i.instruction === 'RUN').map((i) => i.args);
    expect(install.some((run) => run.includes('npm ci --omit=dev'))).toBe(true);
    const peers = [...install.join(' ').matchAll(/"([@\w/.-]+)@([^"]+)"/g)].map(([, name, range]) => [name, range]);
    const gatewayPeers = ['kysely', 'better-sqlite3', 'pg', 'prom-client', 'ioredis', 'yaml'];
    expect(Object.fromEntries(peers)).toEqual(Object.fromEntries(gatewayPeers.map((name) => [name, packageJson.peerDependencies[name]])));
    for (const name of gatewayPeers) expect(packageJson.peerDependenciesMeta[name]?.optional).toBe(true);
  });

  it('runs the package bin as the non-root node user, serve on the port it exposes, which is the CLI default', async () => {
    expect(one('USER').args).toBe('node');
    const entrypoint = execForm(one('ENTRYPOINT').args);
    expect(entrypoint[0]).toBe('node');
    expect(entrypoint[1]).toBe(join('/app', packageJson.bin.switchyard as string));
    expect(runtime.some((i) => i.instruction === 'COPY' && i.args === '--from=build /app/dist ./dist')).toBe(true);
    const cmd = execForm(one('CMD').args);
    expect(cmd[0]).toBe('serve');
    expect(flagValue(cmd, '--host')).toBe('0.0.0.0');
    expect(Number(flagValue(cmd, '--port'))).toBe(exposed);
    expect(exposed).toBe(DEFAULT_PORT);
    const configPath = flagValue(cmd, '--config');
    const copied = runtime.find((i) => i.instruction === 'COPY' && i.args.endsWith(` ${configPath}`));
    const source = copied?.args.split(' ')[0] as string;
    expect(existsSync(join(ROOT, source))).toBe(true);
    await expect(loadConfig(join(ROOT, source), { env: {} })).resolves.toBeDefined();
  });

  it('checks health on a route the gateway answers without a key, on the exposed port', async () => {
    const healthcheck = execForm(one('HEALTHCHECK').args.slice(one('HEALTHCHECK').args.indexOf('CMD')));
    const url = new URL(/'(http:[^']+)'/.exec(healthcheck.join(' '))?.[1] as string);
    expect(Number(url.port)).toBe(exposed);
    expect(url.pathname).toBe('/health/liveliness');
    expect(await answersWithoutKey(url.pathname)).toBe(200);
  });
});

describe('deploy/docker-compose.yml', () => {
  const compose = parse(read('deploy/docker-compose.yml')) as Yaml;
  const services = compose.services as Record<string, Yaml>;
  const gatewayService = services.gateway as Yaml;
  /** `${NAME:-default}` as its default, `${NAME:?why}` as a value of the test's own. */
  const substituted = (value: string) => value.replace(/\$\{(\w+):-([^}]*)\}/g, '$2').replace(/\$\{(\w+):\?[^}]*\}/g, 'sk-compose-test-value-1234');

  it('runs the gateway beside Redis and Postgres, built from deploy/Dockerfile, on the port the image exposes', () => {
    expect(Object.keys(services).sort()).toEqual(['gateway', 'postgres', 'redis']);
    expect(join(DEPLOY, gatewayService.build.context, gatewayService.build.dockerfile)).toBe(join(DEPLOY, 'Dockerfile'));
    const exposed = dockerInstructions(read('deploy/Dockerfile')).find((i) => i.instruction === 'EXPOSE')?.args;
    expect((gatewayService.ports as string[]).map((port) => port.split(':')[1])).toEqual([exposed]);
    expect(Object.keys(gatewayService.depends_on).sort()).toEqual(['postgres', 'redis']);
  });

  it("mounts deploy/config.yaml where the image's CMD reads it; the variables it sets are the ones the config reads", async () => {
    const cmd = execForm(dockerInstructions(read('deploy/Dockerfile')).find((i) => i.instruction === 'CMD')?.args as string);
    const [source, target] = (gatewayService.volumes as string[])[0]?.split(':') as [string, string];
    expect(target).toBe(flagValue(cmd, '--config'));
    const env = Object.fromEntries(Object.entries(gatewayService.environment as Record<string, string>).map(([name, value]) => [name, substituted(value)]));
    const loaded = await checkEnvironment(readFileSync(join(DEPLOY, source), 'utf8'), env);
    expect(loaded.gateway.masterKey).toBe('sk-compose-test-value-1234');
    expect(loaded.redis?.url).toBe('redis://redis:6379');

    const database = new URL(loaded.gateway.database as string);
    const postgres = (services.postgres as Yaml).environment as Record<string, string>;
    expect(database.protocol).toBe('postgresql:');
    expect(database.hostname).toBe('postgres');
    expect(database.port).toBe('5432');
    expect(database.username).toBe(postgres.POSTGRES_USER);
    expect(database.password).toBe(substituted(postgres.POSTGRES_PASSWORD as string));
    expect(database.pathname).toBe(`/${postgres.POSTGRES_DB}`);
  });
});

describe('deploy/kubernetes', () => {
  const directory = join(DEPLOY, 'kubernetes');
  const manifests = readdirSync(directory)
    .filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml')
    .flatMap((name) => parseAllDocuments(readFileSync(join(directory, name), 'utf8')).map((document) => ({ name, manifest: document.toJS() as Yaml })));
  const ofKind = (kind: string) => {
    const found = manifests.filter(({ manifest }) => manifest.kind === kind);
    expect(found, `one ${kind}`).toHaveLength(1);
    return (found[0] as { manifest: Yaml }).manifest;
  };
  const deployment = ofKind('Deployment');
  const pod = deployment.spec.template.spec as Yaml;
  const container = pod.containers[0] as Yaml;
  const httpPort = (container.ports as Yaml[]).find((port) => port.name === 'http') as Yaml;

  it('lists every manifest in its kustomization', () => {
    const kustomization = parse(readFileSync(join(directory, 'kustomization.yaml'), 'utf8')) as Yaml;
    expect([...kustomization.resources].sort()).toEqual([...new Set(manifests.map(({ name }) => name))].sort());
  });

  it('probes liveness and readiness on routes the gateway answers without a key, on the port serve listens on', async () => {
    expect(container.livenessProbe.httpGet.path).toBe('/health/liveliness');
    expect(container.readinessProbe.httpGet.path).toBe('/health/readiness');
    for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
      expect(probe.httpGet.port).toBe('http');
      expect(await answersWithoutKey(probe.httpGet.path)).toBe(200);
    }
    expect(Number(flagValue(container.args, '--port'))).toBe(httpPort.containerPort);
    expect(flagValue(container.args, '--host')).toBe('0.0.0.0');
    expect(pod.securityContext.runAsNonRoot).toBe(true);
  });

  it('mounts the ConfigMap where --config points; the ConfigMap holds deploy/config.yaml; the Secret holds every key the env names', async () => {
    const configMap = ofKind('ConfigMap');
    const configPath = flagValue(container.args, '--config') as string;
    const mount = (container.volumeMounts as Yaml[]).find((m) => configPath.startsWith(`${m.mountPath}/`)) as Yaml;
    const volume = (pod.volumes as Yaml[]).find((v) => v.name === mount.name) as Yaml;
    expect(volume.configMap.name).toBe(configMap.metadata.name);
    const configText = configMap.data[configPath.slice(mount.mountPath.length + 1)] as string;
    expect(configText).toBe(read('deploy/config.yaml'));

    const secret = ofKind('Secret');
    const env: Record<string, string> = {};
    for (const variable of container.env as Yaml[]) {
      const ref = variable.valueFrom?.secretKeyRef as Yaml | undefined;
      if (ref) {
        expect(ref.name).toBe(secret.metadata.name);
        expect(Object.keys(secret.stringData)).toContain(ref.key);
      }
      env[variable.name] = ref ? secret.stringData[ref.key] : variable.value;
    }
    const loaded = await checkEnvironment(configText, env);
    expect(loaded.gateway.masterKey).toBe(secret.stringData.SWITCHYARD_MASTER_KEY);
    expect(loaded.gateway.database).toMatch(/^postgresql:\/\//);
    expect(loaded.redis?.url).toBe('redis://redis:6379');
  });

  it('the Service sends to the pods’ http port; the autoscaler scales the Deployment', () => {
    const service = ofKind('Service');
    expect(Object.entries(service.spec.selector).every(([label, value]) => deployment.spec.template.metadata.labels[label] === value)).toBe(true);
    expect(deployment.spec.selector.matchLabels).toEqual(service.spec.selector);
    expect(service.spec.ports[0].targetPort).toBe(httpPort.name);
    const hpa = ofKind('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment.metadata.name, apiVersion: deployment.apiVersion });
    expect(container.resources.requests.cpu).toBeDefined(); // CPU utilization is measured against it
  });
});
