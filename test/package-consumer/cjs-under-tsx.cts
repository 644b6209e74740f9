// A CommonJS TypeScript file run by tsx, as a project without "type": "module" has them.
import { Router } from 'switchyard';

const router = new Router({ deployments: [{ model: 'local', provider: 'mock', params: { content: 'tsx ok' } }] });
router.completion({ model: 'local', messages: [{ role: 'user', content: 'hi' }] }).then((answer) => console.log(answer.choices[0]?.message.content));
