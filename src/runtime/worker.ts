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
    const execArgv = options.execArgv ?? withoutPreloads(process.execArgv);
    return new Worker(new URL(`./${name}.js`, from), { ...options, execArgv });
  }
  const boot = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
  .then(({ register }) => { register(); return import(${JSON.stringify(new URL(`./${name}.ts`, from).href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

/** Node's flags without the modules they preload (`--import x`, `--require x`, `--loader x`, `--import=x`). */
export function withoutPreloads(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const flag = execArgv[i]!;
    if (/^--(import|require|loader|experimental-loader)$/u.test(flag) || flag === "-r") {
      i += 1;
      continue;
    }
    if (/^--(import|require|loader|experimental-loader)=/u.test(flag)) continue;
    kept.push(flag);
  }
  return kept;
}
