import { describe, expect, it } from 'vitest';
import { InternalServerError, NoDeploymentAvailableError, NotFoundError, Router } from 'switchyard';
import { seededRandom } from '../../src/testing/seeded-random.js';
import { hi } from '../support/chat-fixtures.js';
import { mockDeployment } from '../support/deployments.js';
import { rejectionOf } from '../support/errors.js';
import { record } from '../support/events.js';
import { FakeClock } from '../support/fake-clock.js';
import { testRouter } from '../support/routers.js';

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

describe('runtime changes', () => {
  it('add, update and remove take effect for the next request without disturbing those in flight', async () => {
    const router = new Router({ deployments: [{ model: 'm', provider: 'mock', id: 'old', params: { latencyMs: 40, content: 'old' } }] });
    const inFlight = router.completion({ model: 'm', messages: hi });
    router.addDeployment({ model: 'm', provider: 'mock', id: 'new', params: { content: 'new' } });
    expect(router.removeDeployment('old')).toBe(true);
    expect((await inFlight).choices[0]?.message.content).toBe('old');
    expect((await router.completion({ model: 'm', messages: hi })).choices[0]?.message.content).toBe('new');

    const updated = router.updateDeployment('new', { params: { content: 'updated' }, weight: 3 });
    expect(updated).toMatchObject({ id: 'new', weight: 3 });
    expect((await router.completion({ model: 'm', messages: hi })).choices[0]?.message.content).toBe('updated');
    expect(() => router.updateDeployment('new', { rpm: -1 })).toThrow(/deployment\.rpm: expected a positive integer/);
    expect(() => router.updateDeployment('missing', { weight: 1 })).toThrow(NotFoundError);
  });

  it('moving a deployment to another model group takes it out of the old one', async () => {
    const router = new Router({
      deployments: [
        { model: 'a', provider: 'mock', id: 'x' },
        { model: 'a', provider: 'mock', id: 'y' },
      ],
    });
    router.updateDeployment('x', { model: 'b' });
    const events = record(router, 'success');
    for (let i = 0; i < 5; i++) await router.completion({ model: 'a', messages: hi });
    await router.completion({ model: 'b', messages: hi });
    expect(events.success.map((e) => e.deploymentId)).toEqual(['y', 'y', 'y', 'y', 'y', 'x']);
  });

  it('updateDeployment keeps the health and latency figures of the deployment it changes', async () => {
    const clock = new FakeClock();
    const router = testRouter({
      strategy: 'least-latency',
      random: seededRandom(5),
      clock,
      retries: 0,
      cooldown: { allowedFails: 1, cooldownMs: 60_000 },
      deployments: [
        mockDeployment('fast', { params: { latencyMs: 10 } }),
        mockDeployment('slow', { params: { latencyMs: 50 } }),
        mockDeployment('down', { model: 'x', params: { errorStatus: 503 } }),
      ],
    });
    const events = record(router, 'success');
    const call = () => clock.drive(router.completion({ model: 'm', messages: hi }));
    await call();
    await call();
    expect(events.success.map((e) => e.deploymentId).sort()).toEqual(['fast', 'slow']);
    expect(await rejectionOf(router.completion({ model: 'x', messages: hi }))).toBeInstanceOf(InternalServerError);
    const health = router.health();
    expect(health.find((h) => h.deploymentId === 'down')).toMatchObject({ state: 'open', failures: 1 });

    router.updateDeployment('slow', { params: { latencyMs: 50, content: 'updated' }, weight: 2 });
    router.updateDeployment('down', { params: { errorStatus: 503, content: 'updated' }, weight: 2 });

    expect(
      router
        .deployments()
        .filter((d) => d.weight === 2)
        .map((d) => d.id),
    ).toEqual(['slow', 'down']);
    expect(router.health()).toEqual(health);
    // Still cooling down: refused without a call, where a forgotten circuit would have let it answer 503 again.
    expect(await rejectionOf(router.completion({ model: 'x', messages: hi }))).toBeInstanceOf(NoDeploymentAvailableError);
    // Still measured as slow: a deployment whose samples were dropped would be explored first.
    for (let i = 0; i < 5; i++) await call();
    expect(events.success.slice(2).map((e) => e.deploymentId)).toEqual(['fast', 'fast', 'fast', 'fast', 'fast']);
  });
});
