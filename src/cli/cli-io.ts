/** Where a command writes: whole lines, to stdout (`out`: results, the key made, tables) and stderr (`err`: warnings, notes, errors). */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Lines that nobody reads any more (`switchyard keys list | head -3`) are dropped: the command still ends as it would. */
function lineWriter(stream: NodeJS.WriteStream): (line: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (line) => {
    if (!closed) stream.write(`${line}\n`);
  };
}

/** The process's stdout and stderr. */
export function processIo(): CliIo {
  return { out: lineWriter(process.stdout), err: lineWriter(process.stderr) };
}
