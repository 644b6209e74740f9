/**
 * The response cache's own cost, in one process with the in-process mock provider (no
 * HTTP), so what is measured is the router's work:
 *   - a memory-cache hit: µs per `completion()` end to end (key hashing included), for a
 *     short prompt and for a 20-turn conversation (40 messages);
 *   - a miss: unique prompts on a router with a memory cache against the same prompts on
 *     the same router without one, the difference per call;
 *   - the semantic look-up: `VectorIndex.nearest` p50 at 1,000 and 10,000 entries of 1,536
 *     dimensions.
 * Compared sides alternate round by round (which goes first rotates); each figure is the
 * median of the rounds. Goals: hit ≤ 10 µs (short prompt), miss adds ≤ 5 µs, semantic
 * p50 ≤ 2 ms at 10,000 entries.
 *
 *   npm run bench:cache
 *   BENCH_SCALE=0.1 npm run bench:cache   # quick check: every call count × 0.1
 */
import { Router, type ChatCompletionRequest, type ChatMessage, type RouterOptions } from '../src/index.js';
import { VectorIndex } from '../src/cache/semantic/vector-index.js';
import { randomUnitVector, vectorAtSimilarity } from '../test/support/random-vectors.js';
import { seededRandom } from '../src/testing/seeded-random.js';
import { runBench } from './bench-process.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
if (!(SCALE > 0)) throw new Error(`BENCH_SCALE must be a positive number, got '${process.env.BENCH_SCALE}'`);
const scaled = (n: number) => Math.max(1, Math.round(n * SCALE));

const ROUNDS = 15;
const CALLS_PER_ROUND = scaled(5_000);
const WARMUP_CALLS = scaled(20_000);
const SEMANTIC_ROUNDS = 7;
const SEMANTIC_LOOKUPS = 200;
const DIMENSION = 1_536;
const THRESHOLD = 0.9;

const GOAL_HIT_US = 10;
const GOAL_MISS_US = 5;
const GOAL_SEMANTIC_US = 2_000;

const deployments: RouterOptions['deployments'] = [{ model: 'bench', provider: 'mock', id: 'mock' }];

/** A realistic 20-turn chat: a system prompt, then questions of a sentence or two and answers of a paragraph. */
function conversation(): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: 'system', content: 'You are a helpful assistant for a travel agency. Answer briefly and precisely.' }];
  for (let turn = 1; turn <= 20; turn++) {
    messages.push({
      role: 'user',
      content:
        `Turn ${turn}: we are planning a week in Lisbon in early October with two children. ` +
        `What should we see on day ${turn % 7 || 7}, and how do we get there by public transport?`,
    });
    if (turn < 20) {
      messages.push({
        role: 'assistant',
        content:
          `For day ${turn % 7 || 7}, start early at the Belém Tower and the Jerónimos Monastery, both reachable by tram 15E from Praça da Figueira in about ` +
          'thirty minutes. Have pastéis de Belém nearby, then walk along the river to the MAAT museum, which children enjoy for its sloping roof. ' +
          'In the afternoon take the train from Belém back to Cais do Sodré and end the day at the Time Out Market, where everyone can choose a dinner. ' +
          'Buy Viva Viagem cards on arrival: one card per person, loaded with zapping credit, covers trams, metro, buses and the suburban trains.',
      });
    }
  }
  return messages;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

type Call = (i: number) => Promise<unknown>;
interface Side {
  label: string;
  call: Call;
}

/** µs per call of `calls` sequential calls. */
async function perCallUs(call: Call, calls: number, from: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await call(from + i);
  return Number(process.hrtime.bigint() - t0) / 1_000 / calls;
}

/** Each side's µs per call in each round; the order the sides run in rotates from round to round. */
async function alternate(sides: Side[]): Promise<number[][]> {
  let next = 0;
  for (const side of sides) {
    await perCallUs(side.call, WARMUP_CALLS, next);
    next += WARMUP_CALLS;
  }
  const rounds = sides.map((): number[] => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < sides.length; k++) {
      const i = (round + k) % sides.length;
      rounds[i]?.push(await perCallUs((sides[i] as Side).call, CALLS_PER_ROUND, next));
      next += CALLS_PER_ROUND;
    }
  }
  return rounds;
}

/** Counts the router's cache hits until `stop()`, which returns the count. */
function countHits(router: Router): { stop(): number } {
  let count = 0;
  const listener = () => count++;
  router.on('cache-hit', listener);
  return {
    stop: () => {
      router.off('cache-hit', listener);
      return count;
    },
  };
}

async function expectContent(answer: Promise<unknown>, what: string): Promise<void> {
  const reply = (await answer) as { choices: { message: { content: string | null } }[] };
  if (!reply.choices[0]?.message.content) throw new Error(`${what}: no content in the answer`);
}

async function hits(cached: Router, plain: Router): Promise<string[]> {
  const lines: string[] = [];
  let shortHitUs = NaN;
  for (const [label, messages] of [
    ['short prompt', [{ role: 'user', content: 'Say hello.' }]],
    ['20-turn chat (40 messages)', conversation()],
  ] as const) {
    const request: ChatCompletionRequest & { stream?: false } = { model: 'bench', messages: messages as ChatMessage[] };
    await expectContent(cached.completion(request), label);
    const hitsSeen = countHits(cached);
    const [hit, provider] = await alternate([
      { label: 'hit', call: () => cached.completion(request) },
      { label: 'no cache', call: () => plain.completion(request) },
    ]);
    const seen = hitsSeen.stop();
    if (seen !== WARMUP_CALLS + ROUNDS * CALLS_PER_ROUND) throw new Error(`${label}: expected every cached call to hit, ${seen} did`);
    const hitUs = median(hit as number[]);
    if (label === 'short prompt') shortHitUs = hitUs;
    lines.push(
      `${label.padEnd(28)}${fmt(hitUs).padStart(10)}${fmt(median(provider as number[])).padStart(22)}` +
        `${`${fmt(Math.min(...(hit as number[])))}-${fmt(Math.max(...(hit as number[])))}`.padStart(20)}`,
    );
  }
  return [
    'memory-cache hit: µs per completion() (median of rounds)',
    'prompt                        hit µs   no cache (mock) µs    hit rounds range',
    ...lines,
    `goal (hit ≤ ${GOAL_HIT_US} µs, short prompt): ${verdict(shortHitUs <= GOAL_HIT_US)} (${fmt(shortHitUs)} µs)`,
  ];
}

async function misses(cached: Router, plain: Router): Promise<string[]> {
  const ask = (i: number): ChatCompletionRequest & { stream?: false } => ({
    model: 'bench',
    messages: [{ role: 'user', content: `Say hello to visitor number ${i}.` }],
  });
  const hitsSeen = countHits(cached);
  const [withCache, without] = (await alternate([
    { label: 'cache', call: (i) => cached.completion(ask(i)) },
    { label: 'no cache', call: (i) => plain.completion(ask(i)) },
  ])) as [number[], number[]];
  const seen = hitsSeen.stop();
  if (seen !== 0) throw new Error(`unique prompts should never hit, ${seen} did`);
  // Per round: the two sides ran back to back, so their difference drifts less than either figure.
  const added = withCache.map((us, round) => us - (without[round] as number));
  const addedUs = median(added);
  return [
    'miss: unique prompts, µs per completion() (median of rounds)',
    `with memory cache ${fmt(median(withCache))} µs, without ${fmt(median(without))} µs`,
    `added by a miss: ${fmt(addedUs)} µs (rounds from ${fmt(Math.min(...added))} to ${fmt(Math.max(...added))})`,
    `goal (miss adds ≤ ${GOAL_MISS_US} µs): ${verdict(addedUs <= GOAL_MISS_US)} (${fmt(addedUs)} µs)`,
  ];
}

interface SemanticSetup {
  entries: number;
  index: VectorIndex;
  queries: Float64Array[];
}

function semanticSetup(random: () => number, entries: number): SemanticSetup {
  const vectors = Array.from({ length: entries }, () => randomUnitVector(random, DIMENSION));
  const index = new VectorIndex({ maxEntries: entries });
  vectors.forEach((vector, i) => index.add(`e${i}`, vector));
  // Half near-duplicates of an entry (cosine 0.95-0.99), half unrelated: hits and misses.
  const queries = Array.from({ length: SEMANTIC_LOOKUPS }, (_, i) =>
    i % 2 === 0
      ? vectorAtSimilarity(random, vectors[Math.floor(random() * entries)] as Float64Array, 0.95 + 0.04 * random())
      : randomUnitVector(random, DIMENSION),
  );
  return { entries, index, queries };
}

/** p50 in µs of one pass of the set-up's queries. */
function semanticP50(setup: SemanticSetup): number {
  const times = setup.queries.map((query) => {
    const t0 = process.hrtime.bigint();
    setup.index.nearest(query, THRESHOLD);
    return Number(process.hrtime.bigint() - t0) / 1_000;
  });
  return median(times);
}

function semantic(): string[] {
  const random = seededRandom(15);
  const setups = [1_000, 10_000].map((entries) => semanticSetup(random, entries));
  for (const setup of setups) semanticP50(setup);
  const rounds = setups.map((): number[] => []);
  for (let round = 0; round < SEMANTIC_ROUNDS; round++) {
    for (let k = 0; k < setups.length; k++) {
      const i = (round + k) % setups.length;
      rounds[i]?.push(semanticP50(setups[i] as SemanticSetup));
    }
  }
  const p50s = rounds.map(median);
  const at10k = p50s[1] as number;
  return [
    `semantic look-up: VectorIndex.nearest, ${DIMENSION} dimensions, threshold ${THRESHOLD}, ${SEMANTIC_LOOKUPS} look-ups a round (half near-duplicates)`,
    ...setups.map((setup, i) => `${String(setup.entries).padStart(6)} entries: p50 ${fmt(p50s[i] as number, 0)} µs (median of ${SEMANTIC_ROUNDS} rounds)`),
    `goal (p50 ≤ ${GOAL_SEMANTIC_US} µs at 10,000 entries): ${verdict(at10k <= GOAL_SEMANTIC_US)} (${fmt(at10k, 0)} µs)`,
  ];
}

async function main(): Promise<void> {
  console.log(
    `switchyard response-cache benchmark (BENCH_SCALE=${SCALE}: ${ROUNDS} rounds of ${CALLS_PER_ROUND.toLocaleString('en-US')} sequential calls a side, ` +
      `warm-up ${WARMUP_CALLS.toLocaleString('en-US')}; mock provider in process)\n`,
  );
  const plain = new Router({ deployments });
  const hitRouter = new Router({ deployments, cache: {} });
  const missRouter = new Router({ deployments, cache: {} });
  try {
    for (const line of await hits(hitRouter, plain)) console.log(line);
    console.log('');
    for (const line of await misses(missRouter, plain)) console.log(line);
    console.log('');
    for (const line of semantic()) console.log(line);
  } finally {
    await Promise.all([plain.close(), hitRouter.close(), missRouter.close()]);
  }
}

runBench(main);
