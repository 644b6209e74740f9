import { describe, expect, it } from 'vitest';
import { Router } from 'switchyard';

describe('router config', () => {
  it('keeps the key out of deployments(), JSON and inspection', () => {
    const key = 'sk-hidden-key-0123456789';
    const router = new Router({ deployments: [{ model: 'a', provider: 'openai', apiKey: key, headers: { 'x-api-key': key } }] });
    expect(router.deployments()[0]?.headers).toEqual({ 'x-api-key': '[redacted]' });
    expect(JSON.stringify(router.deployments())).not.toContain(key);
    expect(JSON.stringify(router)).not.toContain(key);
  });
});
