/** The streams and environment a command talks through, so tests can run it in-process. */
export interface CliIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  errors: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** stderr is a terminal: progress may be drawn there */
  progress: boolean;
}

/** The process's own streams and environment. */
export function processIo(): CliIo {
  return {
    input: process.stdin,
    output: process.stdout,
    errors: process.stderr,
    env: process.env,
    progress: process.stderr.isTTY === true,
  };
}
