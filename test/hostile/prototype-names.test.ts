import { describe, expect, it } from 'vitest';
import { ConfigError, NotFoundError, type Router } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { mockDeployment } from '../support/deployments.js';
import { rejectionOf, routerConfigError } from '../support/errors.js';
import { testRouter } from '../support/routers.js';

/** Names every plain object answers to: a caller's string used as a bare key would find these. */
const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

const answered = async (router: Router, model: string) => (await router.completion({ model, messages: hi })).choices[0]?.message.content;

function expectObjectPrototypeUntouched(): void {
  const plain: Record<string, unknown> = {};
  expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(typeof plain.toString).toBe('function');
}

describe.each(NAMES)("the name '%s'", (name) => {
  it('as the requested model of a router that has none is a NotFoundError naming the model', async () => {
    const router = testRouter({ deployments: [mockDeployment('a')], fallbacks: { m: ['m'] }, contextWindowFallbacks: { '*': ['m'] } });
    const error = await rejectionOf(router.completion({ model: name, messages: hi }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).param).toBe('model');
    expect((error as Error).message).toContain(`No deployment serves model '${name}'`);
    expect(await answered(router, 'm')).toBeTypeOf('string');
    expectObjectPrototypeUntouched();
  });

  it('as a model and a fallback target, in a config parsed from JSON', async () => {
    const config = JSON.parse(
      JSON.stringify({
        deployments: [mockDeployment('named', { model: name, params: { content: 'named' } }), mockDeployment('m', { params: { errorStatus: 500 } })],
        fallbacks: { m: [name] },
      }),
    ) as Parameters<typeof testRouter>[0];
    const router = testRouter({ ...config, retries: 0 });
    expect(await answered(router, name)).toBe('named');
    expect(await answered(router, 'm')).toBe('named');
    expectObjectPrototypeUntouched();
  });

  it('as per-request fallbacks, user, team and tag', async () => {
    const router = testRouter({
      deployments: [mockDeployment('m', { params: { errorStatus: 500 } }), mockDeployment('b', { model: 'b', tags: [name] })],
      budgets: [
        { scope: 'user', maxUsd: 1 },
        { scope: 'team', maxUsd: 1 },
        { scope: 'tag', maxUsd: 1 },
      ],
      retries: 0,
    });
    const error = await rejectionOf(router.completion({ model: 'm', messages: hi }, { fallbacks: [name], user: name, team: name }));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    const answer = await router.completion({ model: 'b', messages: hi }, { user: name, team: name, tags: [name] });
    expect(answer.choices[0]?.message.role).toBe('assistant');
    expect(router.spend({ scope: 'user', id: name }).spentUsd).toBe(0);
    expectObjectPrototypeUntouched();
  });
});

// '__proto__' as a key is refused (below): zod cannot keep it.
it.each(NAMES.filter((name) => name !== '__proto__'))("'%s' as an alias", async (name) => {
  const router = testRouter({ deployments: [mockDeployment('m', { params: { content: 'aliased' } })], aliases: { [name]: 'm' } });
  expect(await answered(router, name)).toBe('aliased');
  expectObjectPrototypeUntouched();
});

it("an environment reference to a name of Object.prototype ('os.environ/toString') is a missing variable", () => {
  let error: unknown;
  try {
    testRouter({ deployments: [mockDeployment('a', { apiKey: 'os.environ/toString' })] });
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).message).toContain('deployments[0].apiKey: environment variable toString is not set');
});

it.each(['aliases', 'fallbacks', 'strategyByModel'])("a '__proto__' key of %s in a config parsed from JSON is refused, not dropped", (option) => {
  const value = option === 'aliases' ? '"m"' : option === 'fallbacks' ? '["m"]' : '"round-robin"';
  const config = JSON.parse(`{ "deployments": [{ "model": "m", "provider": "mock" }], "${option}": { "__proto__": ${value} } }`) as unknown;
  const error = routerConfigError(config);
  expect(error.issues).toContainEqual({ path: `${option}.__proto__`, message: "'__proto__' cannot be a key here; serve that model under another name" });
});
