import { build } from "esbuild";

// The second half of `npm run build` (after tsc): the `ask` command as one file. A restart is what a user
// waits for there (`node dist/cli/ask.js`, answering one question from the persisted index), and loading
// ~200 modules one by one (zod and date-fns alone are 130 files, each resolved, read and compiled) was a
// third of it at 10k passages. tsc's output is kept for everything else: the bot's answer, build and persist
// workers are started as files next to the module that starts them (src/runtime/worker.ts), which a bundle
// would move. Type checking stays tsc's; esbuild only joins the modules.

await build({
  entryPoints: ["src/cli/ask.ts"],
  outfile: "dist/cli/ask.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  // CommonJS dependencies bundled into an ES module still call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: "warning",
});
