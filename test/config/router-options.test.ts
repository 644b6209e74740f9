import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, Router, RouterError, type RouterOptions } from 'switchyard';

function configError(options: unknown): ConfigError {
  try {
    new Router(options as RouterOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(RouterError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

afterEach(() => vi.unstubAllEnvs());

describe('router config', () => {
  it('names a bad field by path with what is expected and what was given', () => {
    const error = configError({
      deployments: [
        { model: 'a', provider: 'mock' },
        { model: 'a', provider: 'mock', rpm: -5 },
      ],
    });
    expect(error.message).toContain('deployments[1].rpm: expected a positive integer, got -5');
    expect(error.issues).toEqual([{ path: 'deployments[1].rpm', message: 'expected a positive integer, got -5' }]);
  });

  it('lists every problem at once', () => {
    const error = configError({
      deployments: [
        { model: '', provider: 'mock' },
        { model: 'a', provider: 'mock', weight: 'heavy' },
      ],
      timeoutMs: 0,
    });
    expect(error.issues.map((i) => i.path)).toEqual(['deployments[0].model', 'deployments[1].weight', 'timeoutMs']);
  });

  it('names the known providers when the provider is unknown', () => {
    const error = configError({ deployments: [{ model: 'a', provider: 'opnai' }] });
    expect(error.message).toMatch(/deployments\[0\]\.provider: unknown provider 'opnai'; known providers: openai, anthropic, azure, gemini, cohere, bedrock, groq, .*mock/);
  });

  it('suggests the field a typo meant', () => {
    const error = configError({ deployments: [{ model: 'a', provider: 'mock', rmp: 10 }] });
    expect(error.message).toContain("deployments[0].rmp: unknown field; did you mean 'rpm'?");
  });

  it('rejects unknown router options and a bad strategy', () => {
    expect(configError({ deployments: [], strategyy: 'x' }).message).toContain("strategyy: unknown field; did you mean 'strategy'?");
    expect(configError({ deployments: [], strategy: 'fastest' }).message).toContain("strategy: expected one of 'simple-shuffle', 'round-robin'");
  });

  it('requires deployments', () => {
    expect(configError({}).message).toContain('deployments: is required');
    expect(configError(undefined).message).toContain('expected an options object');
  });

  it('names the deployment and the environment variable when a key is missing', () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('GROQ_API_KEY', '');
    const error = configError({
      deployments: [
        { model: 'gpt-4o', provider: 'openai' },
        { model: 'llama', provider: 'groq' },
      ],
    });
    expect(error.issues[0]?.path).toBe("deployments[0] (model 'gpt-4o', provider 'openai')");
    expect(error.issues[0]?.message).toContain('set apiKey or the OPENAI_API_KEY environment variable');
    expect(error.issues[1]?.message).toContain('GROQ_API_KEY');
  });

  it("takes the key from the provider's usual environment variable", () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-from-env-123456');
    const router = new Router({ deployments: [{ model: 'gpt-4o', provider: 'openai' }] });
    expect(router.deployments()[0]?.hasApiKey).toBe(true);
  });

  it('local servers need no key', () => {
    vi.stubEnv('OLLAMA_API_KEY', '');
    const router = new Router({ deployments: [{ model: 'llama3', provider: 'ollama' }] });
    expect(router.deployments()[0]).toMatchObject({ baseUrl: 'http://localhost:11434/v1', hasApiKey: false });
  });

  it('reads os.environ/NAME and ${NAME} references', () => {
    vi.stubEnv('MY_KEY', 'sk-secret-from-env-abcdef');
    vi.stubEnv('MY_HOST', 'llm.internal:8000');
    const router = new Router({
      deployments: [{ model: 'a', provider: 'openai-compatible', apiKey: 'os.environ/MY_KEY', baseUrl: 'http://${MY_HOST}/v1' }],
    });
    expect(router.deployments()[0]).toMatchObject({ baseUrl: 'http://llm.internal:8000/v1', hasApiKey: true });
  });

  it('says which environment variable is missing', () => {
    const error = configError({ deployments: [{ model: 'a', provider: 'openai', apiKey: 'os.environ/SWITCHYARD_NOT_SET' }] });
    expect(error.message).toContain('deployments[0].apiKey: environment variable SWITCHYARD_NOT_SET is not set');
  });

  it('never puts a key in a message', () => {
    const key = 'sk-very-secret-key-0123456789';
    const error = configError({
      deployments: [{ model: 'a', provider: 'openai', apiKey: key, headers: { 'x-api-key': 42 }, rpm: 0 }],
    });
    expect(error.message).not.toContain(key);
    expect(JSON.stringify(error.issues)).not.toContain(key);
  });

  it('requires a baseUrl for openai-compatible and checks it is a URL', () => {
    expect(configError({ deployments: [{ model: 'a', provider: 'openai-compatible' }] }).message).toContain(
      "deployments[0].baseUrl: provider 'openai-compatible' needs a baseUrl",
    );
    expect(configError({ deployments: [{ model: 'a', provider: 'vllm', baseUrl: 'localhost:8000' }] }).message).toContain(
      'deployments[0].baseUrl: expected an http:// or https:// URL',
    );
  });

  it('validates mock params', () => {
    const error = configError({ deployments: [{ model: 'a', provider: 'mock', params: { errorRate: 2 } }] });
    expect(error.message).toContain('deployments[0].params.errorRate: expected a fraction from 0 to 1, got 2');
  });

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

  it('rejects two deployments with the same id', () => {
    const error = configError({
      deployments: [
        { model: 'a', provider: 'mock', id: 'one' },
        { model: 'b', provider: 'mock', id: 'one' },
      ],
    });
    expect(error.message).toContain("deployments[1].id: duplicate deployment id 'one'");
  });

  it('keeps the key out of deployments(), JSON and inspection', () => {
    const key = 'sk-hidden-key-0123456789';
    const router = new Router({ deployments: [{ model: 'a', provider: 'openai', apiKey: key, headers: { 'x-api-key': key } }] });
    expect(router.deployments()[0]?.headers).toEqual({ 'x-api-key': '[redacted]' });
    expect(JSON.stringify(router.deployments())).not.toContain(key);
    expect(JSON.stringify(router)).not.toContain(key);
  });
});

describe('runtime deployment changes', () => {
  it('adds and removes deployments, validating the new one', () => {
    const router = new Router({ deployments: [{ model: 'a', provider: 'mock', id: 'a1' }] });
    const added = router.addDeployment({ model: 'b', provider: 'mock', id: 'b1' });
    expect(added.id).toBe('b1');
    expect(router.deployments().map((d) => d.id)).toEqual(['a1', 'b1']);
    expect(() => router.addDeployment({ model: 'c', provider: 'mock', id: 'a1' })).toThrow(/duplicate deployment id 'a1'/);
    expect(() => router.addDeployment({ model: 'c', provider: 'mock', rpm: -1 })).toThrow(/deployment\.rpm: expected a positive integer/);
    expect(router.removeDeployment('a1')).toBe(true);
    expect(router.removeDeployment('a1')).toBe(false);
    expect(router.deployments().map((d) => d.id)).toEqual(['b1']);
  });
});
