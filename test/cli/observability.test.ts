import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServeProcess, stopEveryServe, workDirectory } from './cli-process.js';

const OTEL_SETUP = fileURLToPath(new URL('./fixtures/otel-setup.mjs', import.meta.url));
const MASTER_KEY = 'sk-observability-master-key';
const LOCAL = ['--port', '0', '--host', '127.0.0.1'];

let dir: Awaited<ReturnType<typeof workDirectory>>;
let config: string;
beforeEach(async () => {
  dir = await workDirectory('observe');
  config = join(dir.path, 'config.yaml');
  await writeFile(
    config,
    [
      'model_list:',
      '  - { model_name: chat, litellm_params: { model: mock/chat } }',
      'litellm_settings: { callbacks: [otel, prometheus], json_logs: true }',
      `general_settings: { master_key: ${MASTER_KEY} }`,
    ].join('\n'),
  );
});
afterEach(async () => {
  await stopEveryServe();
  await dir.remove();
});
afterAll(stopEveryServe);

async function oneCall(gateway: ServeProcess): Promise<string> {
  const url = await gateway.url;
  await new OpenAI({ baseURL: `${url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 }).chat.completions.create({
    model: 'chat',
    messages: [{ role: 'user', content: 'hi' }],
  });
  return url;
}

describe("serve's observability from the file", { timeout: 120_000 }, () => {
  it('otel sends spans to the SDK the user registered (node --import); prometheus serves /metrics; json_logs writes a line per call', async () => {
    const gateway = new ServeProcess(['serve', '--config', config, ...LOCAL], { cwd: dir.path, nodeArgs: ['--import', OTEL_SETUP] });
    const url = await oneCall(gateway);
    const metrics = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${MASTER_KEY}` } })).text();
    expect(metrics).toMatch(/^switchyard_requests_total\{.*model="chat".*outcome="success".*\} 1$/m);
    expect(await gateway.stop()).toBe(0);
    expect(gateway.stderr).toContain('span: chat chat\n');
    expect(gateway.stderr).not.toContain('no OpenTelemetry SDK is registered');
    expect(gateway.lines.map((line) => (JSON.parse(line) as { kind: string }).kind)).toEqual(['start', 'call', 'stop', 'stopped']);
  });

  it('otel without a registered SDK serves anyway and warns how to register one', async () => {
    const gateway = new ServeProcess(['serve', '--config', config, ...LOCAL], { cwd: dir.path });
    await oneCall(gateway);
    expect(await gateway.stop()).toBe(0);
    const warning = gateway.lines.map((line) => JSON.parse(line) as { kind: string; message: string }).find((record) => record.kind === 'warning');
    expect(warning?.message).toMatch(/^litellm_settings\.callbacks: otel is on but no OpenTelemetry SDK is registered: spans and metrics go nowhere\. /);
    expect(warning?.message).toContain('NODE_OPTIONS="--import ./otel-setup.mjs"');
  });
});
