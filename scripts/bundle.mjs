import { readdir, rm } from "node:fs/promises";
import { build } from "esbuild";

// The second half of `npm run build` (after tsc): the commands whose start a person waits for, as bundles.
// Loading ~200 modules one by one (zod and date-fns alone are 130 files, each resolved, read and compiled)
// was a third of `node dist/cli/ask.js` at 10k passages, and the bot pays it on every thread it starts: the
// main thread, each answer worker and the build worker. Type checking stays tsc's; esbuild only joins the
// modules. tsc's output stays beside the bundles for everything else (`digest`, `add`, the tests' imports).

// CommonJS dependencies bundled into an ES module still call require() for Node's own modules.
const banner = {
  js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
};
const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  banner,
  logLevel: "warning",
  // Native code (libsql's engine, pg's optional native client, ws's optional speed-ups) is loaded from
  // node_modules at run time, as it must be.
  external: ["libsql", "pg-native", "bufferutil", "utf-8-validate", "fsevents"],
};

// Bolt's App requires its Socket Mode receiver at the top, and through it @slack/socket-mode requires undici
// (about 1 MB bundled): in HTTP mode, which never opens a WebSocket, evaluating it was about 20 ms of the main
// thread's CPU before the port opened (at 10k: 230-280 ms with it, 220-250 ms without, 5 starts each). socket-mode uses
// undici only inside its methods (`undici_1.WebSocket`, `undici_1.fetch`, ... when it connects), so its
// `require("undici")` is given an object that requires the real undici at the first property read: HTTP
// mode never loads it, Socket Mode loads it as it connects (the production test answers in Socket Mode).
const lazyUndici = {
  name: "lazy-undici",
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, (args) =>
      /[\\/]@slack[\\/]socket-mode[\\/]/u.test(args.importer)
        ? { path: "undici", namespace: "lazy-undici", pluginData: args.resolveDir }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "lazy-undici" }, (args) => ({
      contents:
        "let real;\n" +
        'module.exports = new Proxy({}, { get(_target, key) { real ??= require("undici"); return real[key]; } });\n',
      loader: "js",
      resolveDir: args.pluginData,
    }));
  },
};

// `ask`: one file, answering one question from the persisted index.
await build({ ...common, entryPoints: ["src/cli/ask.ts"], outfile: "dist/cli/ask.js" });

// The bot (`node dist/main.js`, what a supervisor runs) and its worker threads. A worker is started from the
// file named after it next to the module that starts it (src/runtime/worker.ts: `new URL("./answer-worker.js",
// import.meta.url)`); bundled, every such module's import.meta.url is its bundle's, so the workers' bundles sit
// next to main.js, where main.js (answer and build workers) and build-worker.js (the persist worker) look.
// Split into chunks: what the bot loads only when it is needed (the Slack side, loaded once the answer workers
// have started; the PostgreSQL client) is a dynamic import(), kept out of the start. The chunks sit next to
// main.js too: a worker started from code that esbuild moved into a chunk is looked for next to that chunk.
// A build's chunks are named by their hash: the previous build's are removed first.
for (const file of await readdir("dist")) {
  if (/^[a-z][a-z-]*-[A-Z0-9]{8}\.js(\.map)?$/u.test(file)) await rm(`dist/${file}`);
}
await build({
  ...common,
  entryPoints: {
    main: "src/main.ts",
    "answer-worker": "src/knowledge/answer-worker.ts",
    "build-worker": "src/knowledge/build-worker.ts",
    "persist-worker": "src/knowledge/persist-worker.ts",
  },
  outdir: "dist",
  splitting: true,
  chunkNames: "[name]-[hash]",
  external: [...common.external, "pg"],
  plugins: [lazyUndici],
});
