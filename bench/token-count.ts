/**
 * Token counting against adversarial texts: one repeated letter, random letters without a
 * space, random bytes read as Latin-1, emoji, and mixed scripts, each of 10 K, 100 K and
 * 1 M characters. Each is counted in a fresh process, once through the public
 * `countTokens` (the longest event-loop block is the synchronous call itself) and once
 * through `router.completion` on a mock deployment with `maxInputTokens`, which counts the
 * prompt to route it (the longest block seen by `monitorEventLoopDelay` during the call).
 * The encoders are built before measuring. Goal: at most 50 ms per call at 1 M characters.
 *
 *   npm run bench:tokens
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { countTokens, Router } from 'switchyard';
import { runBench } from './bench-process.js';

const KINDS = ['repeated', 'letters', 'bytes', 'emoji', 'mixed'] as const;
type Kind = (typeof KINDS)[number];
const SIZES = [10_000, 100_000, 1_000_000];
const PATHS = ['countTokens', 'router'] as const;
const TITLES: Record<Path, string> = {
  countTokens: "countTokens('gpt-4o', …): wall (CPU) time of the call",
  router: 'router.completion, maxInputTokens set: longest event-loop delay',
};
/** `BENCH_PATH=countTokens` or `router` measures one of them. */
const ONLY = process.env.BENCH_PATH;
type Path = (typeof PATHS)[number];
/** A case still running after this long is reported as such: before bounded counting, a long run took minutes. */
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 30_000);
const GOAL_MS = 50;

const EMOJI = ['😀', '🚀', '👍🏽', '👩‍💻', '🇳🇴', '❤️', '🧪', '✨'];
const SCRIPTS = ['abcxyz', 'абвгдеж', '你好世界中文', 'こんにちは', 'مرحبا', 'नमस्ते', 'ελληνικά', '한국어', '0123456789', '.,;!?-'];

/** A repeatable generator (mulberry32), so every run counts the same texts. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(next: () => number, from: readonly string[]): string {
  return from[Math.floor(next() * from.length)] as string;
}

function text(kind: Kind, size: number, seed = 13): string {
  const next = random(seed);
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    let part: string;
    if (kind === 'repeated') part = String.fromCharCode(97 + (seed % 26)).repeat(size);
    else if (kind === 'letters') part = String.fromCharCode(97 + Math.floor(next() * 26));
    else if (kind === 'bytes') part = String.fromCharCode(Math.floor(next() * 256));
    else if (kind === 'emoji') part = pick(next, EMOJI);
    else {
      const script = pick(next, SCRIPTS);
      part = Array.from(script)[Math.floor(next() * Array.from(script).length)] as string;
    }
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, size);
}

/**
 * Texts of every kind, unlike the measured ones, counted first: V8 compiles tiktoken's WASM
 * with its optimizing tier only once it runs hot, and a server's counts run on that tier.
 */
function warmUpTexts(): string[] {
  return [1, 2].flatMap((round) => KINDS.map((kind) => text(kind, 20_000, round)));
}

async function measure(kind: Kind, size: number, path: Path): Promise<{ ms: number; cpuMs?: number }> {
  const content = text(kind, size);
  const messages = [{ role: 'user' as const, content }];
  if (path === 'countTokens') {
    for (const warm of warmUpTexts()) countTokens('gpt-4o', [{ role: 'user', content: warm }]);
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    countTokens('gpt-4o', messages);
    const wallMs = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    return { ms: wallMs, cpuMs: (used.user + used.system) / 1000 };
  }
  const router = new Router({ deployments: [{ model: 'gpt-4o', provider: 'mock', maxInputTokens: 100_000_000, params: { content: 'ok' } }] });
  await router.warmup();
  for (const warm of warmUpTexts()) await router.completion({ model: 'gpt-4o', messages: [{ role: 'user', content: warm }] });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  // The histogram records the gaps between its timer's runs: it must have run once before the call.
  await new Promise((resolve) => setTimeout(resolve, 5));
  await router.completion({ model: 'gpt-4o', messages });
  // The histogram sees a block once its timer, late by that much, has run.
  await new Promise((resolve) => setTimeout(resolve, 5));
  delay.disable();
  return { ms: delay.max / 1e6 };
}

type Outcome = { ms: number; cpuMs?: number } | { error: string } | { timedOut: true };

function runCase(kind: Kind, size: number, path: Path): Promise<Outcome> {
  const child = fork(fileURLToPath(import.meta.url), ['--case', kind, String(size), path], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ timedOut: true });
    }, TIMEOUT_MS);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as Outcome);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ error: `exited with code ${code}` });
    });
  });
}

function cell(outcome: Outcome): string {
  if ('timedOut' in outcome) return `> ${TIMEOUT_MS / 1000} s`;
  if ('error' in outcome) return `crash: ${outcome.error.split(':')[0]}`;
  return outcome.cpuMs === undefined ? `${outcome.ms.toFixed(1)} ms` : `${outcome.ms.toFixed(1)} (${outcome.cpuMs.toFixed(1)}) ms`;
}

async function main(): Promise<void> {
  console.log(`Longest event-loop block per call (goal: ≤ ${GOAL_MS} ms at 1 M characters; a case is stopped after ${TIMEOUT_MS / 1000} s)`);
  for (const path of PATHS.filter((p) => ONLY === undefined || p === ONLY)) {
    console.log(`\n${TITLES[path]}`);
    console.log(['size'.padEnd(10), ...KINDS.map((k) => k.padStart(21)), 'longest'.padStart(12)].join(''));
    for (const size of SIZES) {
      const outcomes: Outcome[] = [];
      for (const kind of KINDS) outcomes.push(await runCase(kind, size, path));
      const unfinished = outcomes.find((o) => !('ms' in o));
      const longestCell = unfinished ? cell(unfinished) : `${Math.max(...outcomes.map((o) => ('ms' in o ? o.ms : 0))).toFixed(1)} ms`;
      console.log([`${size / 1000} K`.padEnd(10), ...outcomes.map((o) => cell(o).padStart(21)), longestCell.padStart(12)].join(''));
    }
  }
}

if (process.argv[2] === '--case') {
  const [kind, size, path] = process.argv.slice(3) as [Kind, string, Path];
  measure(kind, Number(size), path).then(
    (outcome) => process.send?.(outcome, () => process.exit(0)),
    (error: unknown) => process.send?.({ error: String(error) }, () => process.exit(0)),
  );
} else {
  runBench(main);
}
