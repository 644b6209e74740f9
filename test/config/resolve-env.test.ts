import { afterEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'switchyard';
import { configErrorOf, routerConfigError } from '../support/errors.js';

afterEach(() => vi.unstubAllEnvs());

describe('router config', () => {
  it('names the deployment and the environment variable when a key is missing', () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('GROQ_API_KEY', '');
    const error = routerConfigError({
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

  it('says which environment variable is missing, once', () => {
    const error = routerConfigError({ deployments: [{ model: 'a', provider: 'openai', apiKey: 'os.environ/SWITCHYARD_NOT_SET' }] });
    expect(error.message).toBe(
      'Invalid router config: deployments[0].apiKey: environment variable SWITCHYARD_NOT_SET is not set ' +
        '(referenced as os.environ/SWITCHYARD_NOT_SET or ${SWITCHYARD_NOT_SET})',
    );
  });

  it('reports a missing ${NAME} in a URL once, not again as a bad URL, beside the other problems', () => {
    vi.stubEnv('LLM_HOST', '');
    const error = routerConfigError({
      deployments: [
        { model: 'a', provider: 'openai-compatible', baseUrl: 'http://${LLM_HOST}/v1' },
        { model: 'b', provider: 'vllm', baseUrl: 'localhost:8000' },
      ],
    });
    expect(error.issues).toEqual([
      { path: 'deployments[0].baseUrl', message: expect.stringMatching(/^environment variable LLM_HOST is not set/) },
      { path: 'deployments[1].baseUrl', message: expect.stringMatching(/^expected an http:\/\/ or https:\/\/ URL/) },
    ]);
  });

  it('reports a missing variable of an added deployment once', () => {
    const router = new Router({ deployments: [{ model: 'a', provider: 'mock' }] });
    const error = configErrorOf(() => router.addDeployment({ model: 'b', provider: 'openai', apiKey: '${SWITCHYARD_NOT_SET}' }));
    expect(error.issues).toEqual([{ path: 'deployment.apiKey', message: expect.stringContaining('SWITCHYARD_NOT_SET is not set') }]);
  });
});
