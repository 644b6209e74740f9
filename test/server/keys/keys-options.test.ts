import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError } from '../../../src/server/db/index.js';
import { createGateway, GatewayConfigError } from '../../../src/server.js';
import { rejectionOf } from '../../support/errors.js';
import { REFUSED_URL } from '../../support/mock-servers.js';
import { testRouter } from '../../support/routers.js';
import { keysGateway, MASTER_KEY } from './keys-gateway.js';

const router = () => testRouter({ deployments: [{ model: 'm', provider: 'openai', apiKey: 'sk-upstream', baseUrl: REFUSED_URL }] });

describe("the gateway's database options", () => {
  it('are checked, naming the option, never showing the database URL', async () => {
    const error = await rejectionOf(
      createGateway({ router: router(), masterKey: MASTER_KEY, keyRefreshMs: 0, spendLogFlushMs: 1.5, database: 7 as unknown as string }),
    );
    expect(error).toBeInstanceOf(GatewayConfigError);
    const { message } = error as GatewayConfigError;
    expect(message).toMatch(/keyRefreshMs: expected a positive number of milliseconds/);
    expect(message).toMatch(/spendLogFlushMs: expected a whole number of milliseconds/);
    expect(message).toMatch(/database: expected a database URL/);
  });

  it('fail the gateway with the database unreachable, its password never shown', async () => {
    const error = await rejectionOf(createGateway({ router: router(), masterKey: MASTER_KEY, database: 'postgresql://app:hunter2-secret@127.0.0.1:1/db' }));
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).message).toContain('postgresql://app@127.0.0.1:1/db');
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('make the database part of /health/readiness', async () => {
    const { url } = await keysGateway();
    const answer = await fetch(`${url}/health/readiness`);
    expect(await answer.json()).toMatchObject({ status: 'ready', checks: { database: 'ok' } });
  });
});
