// `switchyard/config` by its name from ESM: a LiteLLM config becomes a router that answers.
import { loadConfig, routerFromConfig } from 'switchyard/config';

const yaml = 'model_list:\n  - model_name: chat\n    litellm_params:\n      model: mock/chat\n';
const loaded = await loadConfig(yaml);
const router = await routerFromConfig(loaded);
const answer = await router.completion({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] });
await router.close();
console.log(JSON.stringify({ deployments: loaded.router.deployments.length, warnings: loaded.warnings, answered: typeof answer.choices[0].message.content }));
