import { describe, expect, it } from 'vitest';
import { Router } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { mockDeployment } from '../support/deployments.js';

describe('round-robin', () => {
  it('rotates strictly within each group', async () => {
    const router = new Router({
      strategy: 'round-robin',
      deployments: [
        mockDeployment('a'),
        mockDeployment('b'),
        mockDeployment('c'),
        { model: 'other', provider: 'mock', id: 'x' },
        { model: 'other', provider: 'mock', id: 'y' },
      ],
    });
    const order: string[] = [];
    router.on('success', (e) => void order.push(e.deploymentId));
    for (let i = 0; i < 6; i++) {
      await router.completion({ model: 'm', messages: hi });
      await router.completion({ model: 'other', messages: hi });
    }
    expect(order.filter((id) => 'abc'.includes(id))).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(order.filter((id) => 'xy'.includes(id))).toEqual(['x', 'y', 'x', 'y', 'x', 'y']);
  });

  it('keeps its own count per router', async () => {
    const build = () => new Router({ strategy: 'round-robin', deployments: [mockDeployment('a'), mockDeployment('b')] });
    const first = build();
    const second = build();
    const order: string[] = [];
    first.on('success', (e) => void order.push(e.deploymentId));
    second.on('success', (e) => void order.push(e.deploymentId));
    await first.completion({ model: 'm', messages: hi });
    await second.completion({ model: 'm', messages: hi });
    expect(order).toEqual(['a', 'a']);
  });
});
