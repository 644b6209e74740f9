import { describe, expect, it } from 'vitest';
import { Router } from 'switchyard';

describe('router config', () => {
  it('derives stable ids that differ by key and never contain it', () => {
    const key = 'sk-abcdefghijklmnop';
    const config = (apiKey: string) => ({ deployments: [{ model: 'gpt-4o', provider: 'openai', apiKey }] });
    const first = new Router(config(key)).deployments()[0]?.id;
    const again = new Router(config(key)).deployments()[0]?.id;
    const other = new Router(config('sk-another-key-000000')).deployments()[0]?.id;
    expect(first).toBe(again);
    expect(first).not.toBe(other);
    expect(first).toMatch(/^openai\/gpt-4o@[0-9a-f]{10}$/);
    expect(first).not.toContain(key);
  });
});
