import { defineConfig } from "vitest/config";

/**
 * Tests that start processes, servers (Bolt's HTTP receiver, the Slack stand-in, PostgreSQL), worker threads,
 * folder watchers or on-disk state stores. Everything else is the `unit` project: in-process, seconds in all,
 * the loop to run while working (`npm run test:unit`). A new test that does any of the above belongs here.
 */
const INTEGRATION = [
  "test/main.test.ts",
  "test/production-start.test.ts",
  "test/cli/smoke.test.ts",
  "test/cli/digest.test.ts",
  "test/digest/lock.test.ts",
  "test/digest/scheduler.test.ts",
  "test/digest/slack-e2e.test.ts",
  "test/knowledge/**/*.test.ts",
  "test/slack/e2e.test.ts",
  "test/slack/faults.test.ts",
  "test/slack/post-once.test.ts",
  "test/slack/hostile-documents.test.ts",
  "test/slack/request-guard.test.ts",
  "test/slack/socket-mode.test.ts",
  "test/state/**/*.test.ts",
];

export default defineConfig({
  test: {
    // Two workers fit the 2-core machines this runs on; the integration tests start processes and servers.
    maxWorkers: 2,
    // Ceilings for a hang, never the thing measured: a busy machine may take several times the usual.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/**/*.test.ts"], exclude: INTEGRATION, isolate: false },
      },
      { extends: true, test: { name: "integration", include: INTEGRATION } },
    ],
  },
});
