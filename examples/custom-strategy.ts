/**
 * A routing strategy of your own: "the cheapest deployment that is not busy".
 * A strategy only chooses among the candidates the router's filters left (healthy, under
 * their limits, matching tags and context window); it reads state, it never does I/O.
 *
 *   npx tsx examples/custom-strategy.ts
 */
import { Router, type Deployment, type PickContext, type RoutingStrategy } from 'switchyard';

const BUSY = 4;

const cheapestIdle: RoutingStrategy = {
  name: 'cheapest-idle',
  // What it reads of the stats: the router keeps only what its strategies read (leave it out to keep everything).
  reads: { usage: true },
  pick(candidates: readonly Deployment[], context: PickContext): Deployment {
    // The context: the request, its prompt tokens (counted on first use), the router's
    // random source and clock, and per-deployment stats by `deployment.stats.slot`.
    const inFlight = (d: Deployment) => context.stats.inFlight[d.stats.slot] ?? 0;
    const cost = (d: Deployment) =>
      d.pricing ? context.promptTokens() * d.pricing.inputPerMTok + (context.request.max_tokens ?? 256) * d.pricing.outputPerMTok : Infinity;
    const idle = candidates.filter((d) => inFlight(d) < BUSY);
    if (idle.length === 0) return candidates.reduce((a, b) => (inFlight(b) < inFlight(a) ? b : a));
    return idle.reduce((a, b) => (cost(b) < cost(a) || (cost(b) === cost(a) && context.random() < 0.5) ? b : a));
  },
};

const router = new Router({
  strategy: cheapestIdle,
  deployments: [
    { model: 'chat', provider: 'mock', id: 'premium', params: { latencyMs: 30 }, pricing: { inputPerMTok: 5, outputPerMTok: 15 } },
    { model: 'chat', provider: 'mock', id: 'budget', params: { latencyMs: 30 }, pricing: { inputPerMTok: 0.15, outputPerMTok: 0.6 } },
  ],
});

const served = new Map<string, number>();
router.on('success', (e) => void served.set(e.deploymentId, (served.get(e.deploymentId) ?? 0) + 1));

// Ten at once: the budget deployment takes four; busy then, it leaves the next ones to premium
// until both are busy, when the least busy of the two gets the call.
await Promise.all(Array.from({ length: 10 }, () => router.completion({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] })));
console.log('served:', Object.fromEntries(served));
