/** One instruction of a Dockerfile: `RUN`, and the rest of its line(s) with continuations joined. */
export interface DockerInstruction {
  instruction: string;
  args: string;
  /** The instruction's stage: 0 for the first FROM's, 1 for the next. */
  stage: number;
}

/** A small reading of a Dockerfile: comments dropped, `\` continuations joined, each line's first word the instruction. */
export function dockerInstructions(text: string): DockerInstruction[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    pending += `${pending === '' ? '' : ' '}${line.endsWith('\\') ? line.slice(0, -1).trim() : line}`;
    if (line.endsWith('\\')) continue;
    logical.push(pending);
    pending = '';
  }
  let stage = -1;
  return logical.map((line) => {
    const [instruction = '', ...rest] = line.split(/\s+/);
    if (instruction.toUpperCase() === 'FROM') stage++;
    return { instruction: instruction.toUpperCase(), args: rest.join(' '), stage };
  });
}

/** The JSON (exec) form of CMD, ENTRYPOINT or HEALTHCHECK's CMD: `["node", "x"]`. */
export function execForm(args: string): string[] {
  const json = args.slice(args.indexOf('['));
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) throw new Error(`not an exec form: ${args}`);
  return parsed;
}
