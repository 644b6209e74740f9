import { runStrategyConformance } from 'switchyard/testing';

/** A strategy a user might write: fewest calls in flight, looking from a random start. */
const leastInFlight = () => ({
  name: 'least-in-flight',
  reads: { usage: true },
  pick(candidates, { stats, random }) {
    let best = candidates[Math.floor(random() * candidates.length)];
    for (const d of candidates) if (stats.inFlight[d.stats.slot] < stats.inFlight[best.stats.slot]) best = d;
    return best;
  },
});

runStrategyConformance({ newStrategy: leastInFlight });

// Declares that it reads nothing, yet reads in-flight counts: the suite must catch it.
runStrategyConformance({
  name: 'undeclared-reader',
  newStrategy: () => ({ ...leastInFlight(), reads: {} }),
  skip: [{ reason: 'the same picks as least-in-flight', tests: ['never picks a deployment the router filtered out, even under concurrent calls'] }],
});
