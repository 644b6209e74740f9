// Loads the package three times in one process, as an app may end up doing: the ESM build,
// the CJS build, and a duplicated copy of the ESM build at another path (argv[2], its
// index.js). Prints, for errors thrown by each, whether they are instanceof each copy's classes.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as esm from 'switchyard';

const builds = { esm, cjs: createRequire(import.meta.url)('switchyard'), copy: await import(pathToFileURL(process.argv[2]).href) };

async function authenticationError(build) {
  const router = new build.Router({ retries: 0, deployments: [{ model: 'm', provider: 'mock', params: { errorStatus: 401 } }] });
  return router.completion({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }).catch((error) => error);
}

function configError(build) {
  try {
    new build.Router({ deployments: [{ model: 'm', provider: 'no-such-provider' }] });
  } catch (error) {
    return error;
  }
}

const checks = {};
for (const [from, build] of Object.entries(builds)) {
  const thrown = { auth: await authenticationError(build), config: configError(build) };
  for (const [to, classes] of Object.entries(builds)) {
    checks[`${from} error instanceof ${to} class`] = {
      auth: {
        RouterError: thrown.auth instanceof classes.RouterError,
        AuthenticationError: thrown.auth instanceof classes.AuthenticationError,
        RateLimitError: thrown.auth instanceof classes.RateLimitError,
      },
      config: {
        RouterError: thrown.config instanceof classes.RouterError,
        ConfigError: thrown.config instanceof classes.ConfigError,
        AuthenticationError: thrown.config instanceof classes.AuthenticationError,
      },
    };
  }
}
const distinct =
  builds.esm.RouterError !== builds.cjs.RouterError && builds.esm.RouterError !== builds.copy.RouterError && builds.cjs.RouterError !== builds.copy.RouterError;
console.log(JSON.stringify({ distinct, checks }));
