import { describe, expect, it } from 'vitest';
import type { RoutingStrategy } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { mockDeployment } from '../support/deployments.js';
import { record } from '../support/events.js';
import { testRouter } from '../support/routers.js';
import { firstCandidate } from '../support/strategy-fixtures.js';

describe('strategyByModel', () => {
  it("gives the groups it names their own strategy, a built-in by name or an object, and every other group the router's", async () => {
    const askedFor: string[] = [];
    const lastCandidate: RoutingStrategy = {
      name: 'last',
      reads: {},
      pick(candidates, context) {
        askedFor.push(context.model);
        return candidates[candidates.length - 1]!;
      },
    };
    const router = testRouter({
      strategy: firstCandidate,
      strategyByModel: { b: lastCandidate, c: 'round-robin' },
      deployments: ['a', 'b', 'c'].flatMap((model) => [mockDeployment(`${model}1`, { model }), mockDeployment(`${model}2`, { model })]),
    });
    const events = record(router, 'success');
    for (const model of ['a', 'b', 'c']) for (let i = 0; i < 4; i++) await router.completion({ model, messages: hi });

    expect(events.success.map((e) => e.deploymentId)).toEqual(['a1', 'a1', 'a1', 'a1', 'b2', 'b2', 'b2', 'b2', 'c1', 'c2', 'c1', 'c2']);
    expect(askedFor).toEqual(['b', 'b', 'b', 'b']);
  });
});
