import { describe, expect, it } from 'vitest';
import { Router, type RoutingStrategy } from 'switchyard';
import { mockDeployment } from '../support/deployments.js';
import { served } from '../support/strategy-fixtures.js';

describe('custom strategy', () => {
  it('is given the candidates and a context, and its choice is used', async () => {
    const seen: string[][] = [];
    const lastOne: RoutingStrategy = {
      name: 'last-one',
      pick(candidates, context) {
        seen.push([context.model, ...candidates.map((c) => c.id)]);
        return candidates[candidates.length - 1] as (typeof candidates)[number];
      },
    };
    const router = new Router({ strategy: lastOne, deployments: [mockDeployment('a'), mockDeployment('b')] });
    const counts = await served(router, 3);
    expect(counts).toEqual({ b: 3 });
    expect(seen[0]).toEqual(['m', 'a', 'b']);
  });
});
