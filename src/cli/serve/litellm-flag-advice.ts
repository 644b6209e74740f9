import type { FlagAdvice } from '../flags.js';

/** LiteLLM's `litellm` flags that `switchyard serve` does not take, with what to do instead. */
export const LITELLM_FLAG_ADVICE: FlagAdvice = {
  num_workers:
    'switchyard serve runs one process. For more, run replicas (processes, containers or pods) that share Redis (router_settings.redis_host) ' +
    'and Postgres (general_settings.database_url): every limit and budget holds across them. See deploy/ for Docker Compose and Kubernetes.',
  ssl_keyfile_path: 'switchyard serve speaks plain HTTP: end TLS in front of it (a load balancer, an ingress, a reverse proxy).',
  ssl_certfile_path: 'switchyard serve speaks plain HTTP: end TLS in front of it (a load balancer, an ingress, a reverse proxy).',
  model: 'switchyard serve takes a config file: list the model under model_list and pass --config FILE.',
};
