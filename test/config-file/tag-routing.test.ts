import { loadConfig } from 'switchyard/config';
import { describe, expect, it } from 'vitest';

const file = (flag: string) => `model_list:
  - model_name: chat
    litellm_params:
      model: mock/chat
router_settings:
  enable_tag_filtering: ${flag}
`;

describe('router_settings.enable_tag_filtering', () => {
  it("becomes the gateway's tagRouting", async () => {
    expect((await loadConfig(file('true'))).gateway.tagRouting).toBe(true);
    expect((await loadConfig(file('false'))).gateway.tagRouting).toBe(false);
  });

  it('is an error naming its path when not a boolean', async () => {
    await expect(loadConfig(file('"sometimes"'))).rejects.toThrow(/router_settings\.enable_tag_filtering/);
  });
});
