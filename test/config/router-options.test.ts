import { describe, expect, it } from 'vitest';
import { Router } from 'switchyard';
import { configErrorOf, routerConfigError } from '../support/errors.js';

describe('router config', () => {
  it('names a bad field by path with what is expected and what was given', () => {
    const error = routerConfigError({
      deployments: [
        { model: 'a', provider: 'mock' },
        { model: 'a', provider: 'mock', rpm: -5 },
      ],
    });
    expect(error.message).toContain('deployments[1].rpm: expected a positive integer, got -5');
    expect(error.issues).toEqual([{ path: 'deployments[1].rpm', message: 'expected a positive integer, got -5' }]);
  });

  it('lists every problem at once', () => {
    const error = routerConfigError({
      deployments: [
        { model: '', provider: 'mock' },
        { model: 'a', provider: 'mock', weight: 'heavy' },
      ],
      timeoutMs: 0,
    });
    expect(error.issues.map((i) => i.path)).toEqual(['deployments[0].model', 'deployments[1].weight', 'timeoutMs']);
  });

  it('names the known providers when the provider is unknown', () => {
    const error = routerConfigError({ deployments: [{ model: 'a', provider: 'opnai' }] });
    expect(error.message).toMatch(
      /deployments\[0\]\.provider: unknown provider 'opnai'; known providers: openai, anthropic, azure, gemini, cohere, bedrock, groq, .*mock/,
    );
  });

  it('suggests the field a typo meant', () => {
    const error = routerConfigError({ deployments: [{ model: 'a', provider: 'mock', rmp: 10 }] });
    expect(error.message).toContain("deployments[0].rmp: unknown field; did you mean 'rpm'?");
  });

  it('rejects unknown router options and a bad strategy', () => {
    expect(routerConfigError({ deployments: [], strategyy: 'x' }).message).toContain("strategyy: unknown field; did you mean 'strategy'?");
    expect(routerConfigError({ deployments: [], strategy: 'fastest' }).message).toContain("strategy: expected one of 'simple-shuffle', 'round-robin'");
  });

  it('requires deployments', () => {
    expect(routerConfigError({}).message).toContain(
      "deployments: is required: expected an array of deployments such as [{ model: 'gpt-4o', provider: 'openai' }]",
    );
    expect(routerConfigError(null).message).toContain('expected an options object naming the deployments to route to');
  });

  it('says what to pass to new Router() with no argument', () => {
    const error = configErrorOf(() => Reflect.construct(Router, []));
    expect(error.issues).toHaveLength(1);
    expect(error.message).toBe(
      'Invalid router config: expected an options object naming the deployments to route to, ' +
        "e.g. new Router({ deployments: [{ model: 'gpt-4o', provider: 'openai', apiKey: process.env.OPENAI_API_KEY }] })",
    );
  });

  it('suggests the hook a misspelt callback meant, in an object or a class', () => {
    class Hooks {
      onSucess(): void {}
    }
    const error = routerConfigError({ deployments: [{ model: 'a', provider: 'mock' }], callbacks: [{ onFailur: () => {} }, new Hooks()] });
    expect(error.issues.map((i) => i.path)).toEqual(['callbacks[0].onFailur', 'callbacks[1].onSucess']);
    expect(error.issues[0]?.message).toMatch(/^unknown hook; did you mean 'onFailure'\? Known hooks: onRequest, onSuccess, onFailure/);
    expect(error.issues[1]?.message).toContain("did you mean 'onSuccess'?");
  });

  it('rejects a hook name that is none, and a hook that is not a function', () => {
    const error = routerConfigError({ deployments: [{ model: 'a', provider: 'mock' }], callbacks: [{ onError: () => {}, onSuccess: 'log' }] });
    expect(error.issues).toEqual([
      { path: 'callbacks[0].onError', message: expect.stringMatching(/^unknown hook\. Known hooks: onRequest, /) },
      { path: 'callbacks[0].onSuccess', message: 'expected a function, got "log"' },
    ]);
  });

  it('leaves alone what a callback object holds besides hooks', () => {
    class Logger {
      constructor(readonly lines: string[]) {}
      onSuccess(): void {
        this.write('ok');
      }
      write(line: string): void {
        this.lines.push(line);
      }
    }
    expect(() => new Router({ deployments: [{ model: 'a', provider: 'mock' }], callbacks: [new Logger([]), { onRetry: undefined }] })).not.toThrow();
  });

  it('never puts a key in a message', () => {
    const key = 'sk-very-secret-key-0123456789';
    const error = routerConfigError({
      deployments: [{ model: 'a', provider: 'openai', apiKey: key, headers: { 'x-api-key': 42 }, rpm: 0 }],
    });
    expect(error.message).not.toContain(key);
    expect(JSON.stringify(error.issues)).not.toContain(key);
  });

  it('requires a baseUrl for openai-compatible and checks it is a URL', () => {
    expect(routerConfigError({ deployments: [{ model: 'a', provider: 'openai-compatible' }] }).message).toContain(
      "deployments[0].baseUrl: provider 'openai-compatible' needs a baseUrl",
    );
    expect(routerConfigError({ deployments: [{ model: 'a', provider: 'vllm', baseUrl: 'localhost:8000' }] }).message).toContain(
      'deployments[0].baseUrl: expected an http:// or https:// URL',
    );
  });

  it('validates mock params', () => {
    const error = routerConfigError({ deployments: [{ model: 'a', provider: 'mock', params: { errorRate: 2 } }] });
    expect(error.message).toContain('deployments[0].params.errorRate: expected a fraction from 0 to 1, got 2');
  });

  it('rejects two deployments with the same id', () => {
    const error = routerConfigError({
      deployments: [
        { model: 'a', provider: 'mock', id: 'one' },
        { model: 'b', provider: 'mock', id: 'one' },
      ],
    });
    expect(error.message).toContain("deployments[1].id: duplicate deployment id 'one'");
  });
});
