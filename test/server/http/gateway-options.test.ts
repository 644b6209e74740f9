import { describe, expect, it } from 'vitest';
import { ConfigError } from 'switchyard';
import { createGateway, GatewayConfigError, type GatewayOptions } from 'switchyard/server';
import { testRouter } from '../../support/routers.js';

const router = () => testRouter({ deployments: [{ model: 'm', provider: 'mock' }] });

async function refusal(options: unknown): Promise<GatewayConfigError> {
  const error = await createGateway(options as GatewayOptions).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GatewayConfigError);
  expect(error).toBeInstanceOf(ConfigError);
  return error as GatewayConfigError;
}

describe('createGateway options', () => {
  it('needs a master key, and names it', async () => {
    const error = await refusal({ router: router() });

    expect(error.issues).toEqual([{ path: 'masterKey', message: expect.stringContaining('is required') }]);
    expect(error.message).toMatch(/^Invalid gateway options: masterKey: /);
  });

  it('never shows the master key it refuses', async () => {
    const error = await refusal({ router: router(), masterKey: ['sk-secret-in-an-array'] });

    expect(error.issues[0]?.path).toBe('masterKey');
    expect(JSON.stringify(error.issues) + error.message).not.toContain('sk-secret');
  });

  it('names every bad option, and suggests the one meant', async () => {
    const error = await refusal({ router: {}, masterKey: 'k', maxBodyBytes: -1, metricsOpen: 'yes', basePath: 'api/', maxBodyByte: 5 });

    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['basePath', 'maxBodyByte', 'maxBodyBytes', 'metricsOpen', 'router']);
    expect(error.issues.find((issue) => issue.path === 'maxBodyByte')?.message).toContain("did you mean 'maxBodyBytes'?");
    expect(error.issues.find((issue) => issue.path === 'router')?.message).toContain('switchyard Router');
  });

  it('refuses no options at all with an example', async () => {
    expect((await refusal(undefined)).message).toContain('createGateway({ router, masterKey');
  });
});
