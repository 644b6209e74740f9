import { describe, expect, it } from 'vitest';
import { mockDeployment } from '../support/deployments.js';
import { configErrorOf, routerConfigError } from '../support/errors.js';
import { testRouter } from '../support/routers.js';
import { circular, nested } from './hostile-values.js';

/** The issue at `path`: the config is refused with a ConfigError naming it. */
function issueAt(options: unknown, path: string): string {
  const issue = routerConfigError(options).issues.find((i) => i.path === path);
  expect(issue, `an issue at ${path}`).toBeDefined();
  return issue?.message ?? '';
}

describe('a config value that would crash or loop the router is a ConfigError naming the field', () => {
  it('a circular model', () => {
    expect(issueAt({ deployments: [{ model: circular(), provider: 'mock' }] }, 'deployments[0].model.self')).toMatch(
      /refers back to deployments\[0\]\.model: a circular structure/,
    );
  });

  it('circular params, headers and pricing', () => {
    for (const field of ['params', 'headers', 'pricing']) {
      const message = issueAt({ deployments: [{ model: 'm', provider: 'mock', [field]: circular() }] }, `deployments[0].${field}.self`);
      expect(message).toContain(`refers back to deployments[0].${field}`);
    }
  });

  it('a deployments array holding itself', () => {
    const deployments: unknown[] = [mockDeployment('a')];
    deployments.push(deployments);
    expect(issueAt({ deployments }, 'deployments[1][1]')).toContain('refers back to deployments[1]');
  });

  it('tags nested 3,000 deep', () => {
    const error = routerConfigError({ deployments: [{ model: 'm', provider: 'mock', tags: nested(3_000, 'array') }] });
    expect(error.issues.some((i) => i.path.startsWith('deployments[0].tags[0]') && i.message === 'nested more than 64 levels deep')).toBe(true);
  });

  it('added at run time too', () => {
    const router = testRouter({ deployments: [mockDeployment('a')] });
    const error = configErrorOf(() => router.addDeployment({ model: 'm', provider: 'mock', params: circular() }));
    expect(error.issues.map((i) => i.path)).toContain('deployment.params.self');
  });

  it.each([
    ['a port above 65535', 'http://127.0.0.1:99999/v1'],
    ['port 0', 'http://127.0.0.1:0/v1'],
    ['an unclosed IPv6 host', 'http://[::1/v1'],
  ])('a baseUrl with %s, without echoing it (it may hold a key)', (_name, baseUrl) => {
    const message = issueAt(
      { deployments: [{ model: 'm', provider: 'openai-compatible', baseUrl: `${baseUrl}?api_key=sk-secret` }] },
      'deployments[0].baseUrl',
    );
    expect(message).toMatch(/is not a valid URL: check its host .* and its port \(1 to 65535\)/);
    expect(message).not.toContain('sk-secret');
  });

  it('callbacks: [[]]', () => {
    expect(issueAt({ deployments: [mockDeployment('a')], callbacks: [[]] }, 'callbacks[0]')).toContain('expected an object with hooks');
  });

  it('a class instance in params that holds itself, and a BigInt, still give the deployment an id', () => {
    class Agent {
      self: Agent = this;
      sockets = 10n;
    }
    const router = testRouter({
      deployments: [{ model: 'm', provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:1/v1', params: { agent: new Agent() } }],
    });
    expect(router.deployments()[0]?.id).toMatch(/^openai-compatible\/m@[0-9a-f]{10}$/);
  });
});
