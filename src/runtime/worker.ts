import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * Starts a worker thread on the module `name` next to the module at `from` (its `import.meta.url`), from the
 * TypeScript sources or from the compiled JavaScript alike. Compiled (`npm run build`, `node dist/main.js`), the
 * worker is the sibling `.js` file, run by Node as is. From the sources (tsx, vitest), Node 20 applies neither
 * `--import` nor the main thread's loader hooks to a worker, so the worker registers tsx itself before loading
 * the sibling `.ts` file; tsx is resolved from here, so the bot can be started from any folder.
 */
export function startWorker(from: string, name: string, options: WorkerOptions = {}): Worker {
  if (!from.endsWith(".ts")) {
    // Modules preloaded into the process (`--import x`, as the load benchmark's probe is) are not the worker's:
    // a worker runs its own module, and a preload written in TypeScript would not even load there.
    const execArgv = options.execArgv ?? workerExecArgv(process.execArgv);
    return new Worker(new URL(`./${name}.js`, from), execArgv ? { ...options, execArgv } : options);
  }
  const boot = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
  .then(({ register }) => { register(); return import(${JSON.stringify(new URL(`./${name}.ts`, from).href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

/**
 * The Node flags for a compiled worker: none when the process preloads modules (`--import x`, `--require x`,
 * `--loader x`), since those are not the worker's, and a worker may not be given V8's process-wide flags one by
 * one; otherwise undefined, so the worker inherits the process's flags as usual.
 */
export function workerExecArgv(execArgv: readonly string[]): string[] | undefined {
  const preloads = execArgv.some((flag) =>
    /^(-r|--(import|require|loader|experimental-loader))(=|$)/u.test(flag),
  );
  return preloads ? [] : undefined;
}
