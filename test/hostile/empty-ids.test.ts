import { describe, expect, it } from 'vitest';
import { mockDeployment } from '../support/deployments.js';
import { routerConfigError } from '../support/errors.js';
import { expectNamed, rejectedThenServed } from './hostile-router.js';

// An empty id would be spent and limited under a name `router.spend` refuses to be asked about.
describe('an empty caller id is a BadRequestError naming it, before any provider is called', () => {
  it.each(['user', 'team', 'apiKeyId', 'sessionId'])('%s: ""', async (option) => {
    expectNamed(await rejectedThenServed({}, { [option]: '' }), `options.${option}`, /expected a non-empty string id/);
  });

  it('an empty tag', async () => {
    expectNamed(await rejectedThenServed({}, { tags: ['batch', ''] }), 'options.tags[1]', /expected a non-empty tag, got ""/);
  });
});

describe('an empty id in a budget or a limit is a ConfigError naming it', () => {
  it.each([
    ['budgets', { scope: 'user', id: '', maxUsd: 1 }],
    ['limits', { scope: 'team', id: '', rpm: 10 }],
  ])('%s', (option, entry) => {
    const error = routerConfigError({ deployments: [mockDeployment('a')], [option]: [entry] });
    expect(error.issues).toContainEqual({ path: `${option}[0].id`, message: 'expected a non-empty string, got ""' });
  });
});
