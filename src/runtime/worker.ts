import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * Starts a worker thread on the module `name` next to the module at `from` (its `import.meta.url`), from the
 * TypeScript sources or from the compiled JavaScript alike. Compiled (`npm run build`, `node dist/main.js`), the
 * worker is the sibling `.js` file, run by Node as is. From the sources (tsx, vitest), Node 20 applies neither
 * `--import` nor the main thread's loader hooks to a worker, so the worker registers tsx itself before loading
 * the sibling `.ts` file; tsx is resolved from here, so the bot can be started from any folder.
 */
export function startWorker(from: string, name: string, options: WorkerOptions = {}): Worker {
  if (!from.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, from), options);
  const boot = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
  .then(({ register }) => { register(); return import(${JSON.stringify(new URL(`./${name}.ts`, from).href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
