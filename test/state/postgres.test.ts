import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresStore } from "../../src/state/postgres.ts";
import { StateError } from "../../src/state/types.ts";
import { startHttpBot } from "../helpers/http-bot.ts";
import { type PostgresServer, postgresInstalled, startPostgres } from "../helpers/postgres-server.ts";
import { captureLog } from "../helpers/slack-fakes.ts";
import { describeStateStore } from "./store-contract.ts";

let server: PostgresServer;

describe.runIf(postgresInstalled())("PostgresStore", () => {
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);

  describeStateStore("PostgreSQL (a real server)", async (now) => {
    const url = await server.database();
    return PostgresStore.open(url, { log: captureLog().log, role: "tool", instanceId: "contract", now });
  });

  it("runs the migrations once when several instances start at the same moment", async () => {
    const url = await server.database();
    const stores = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        PostgresStore.open(url, { log: captureLog().log, role: "tool", instanceId: `i${i}` }),
      ),
    );
    await stores[0]!.threads.append("C1:1", { question: "q", focus: [], docs: [], found: true });
    expect(await stores[3]!.threads.has("C1:1")).toBe(true);
    for (const store of stores) await store.close();
  });

  it("shares claims, threads, limits and the digest's lock between instances", async () => {
    const url = await server.database();
    const a = await PostgresStore.open(url, { log: captureLog().log, role: "tool", instanceId: "a" });
    const b = await PostgresStore.open(url, { log: captureLog().log, role: "tool", instanceId: "b" });
    const claims = await Promise.all([
      a.events.claim("event:EvMention", "message:C1:5.5"),
      b.events.claim("event:EvMessage", "message:C1:5.5"),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    await a.threads.append("C1:5.5", { question: "troop ceiling", focus: [], docs: [], found: true });
    expect(await b.threads.history("C1:5.5")).toHaveLength(1);
    const verdicts = await Promise.all([
      ...Array.from({ length: 6 }, () => a.questions.take("U1", 5)),
      ...Array.from({ length: 6 }, () => b.questions.take("U1", 5)),
    ]);
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
    const inner = await a.digest.withLock(async () => b.digest.withLock(async () => "b ran"));
    expect(inner).toEqual({ done: { busy: { owner: "a" } } });
    await a.close();
    await b.close();
  });

  it("spaces posts in one channel a second apart across instances, on the database's clock", async () => {
    const url = await server.database();
    const a = await PostgresStore.open(url, { log: captureLog().log, role: "tool", instanceId: "a" });
    const b = await PostgresStore.open(url, { log: captureLog().log, role: "tool", instanceId: "b" });
    const waits = await Promise.all([
      a.pace.reserve("C1", 1_000),
      b.pace.reserve("C1", 1_000),
      a.pace.reserve("C1", 1_000),
      b.pace.reserve("C2", 1_000),
    ]);
    const starts = waits
      .slice(0, 3)
      .map((w) => w.startAt)
      .sort((x, y) => x - y);
    // Whatever order the three statements ran in, the slots are exactly a second apart.
    expect([starts[1]! - starts[0]!, starts[2]! - starts[1]!]).toEqual([1_000, 1_000]);
    const first = waits.slice(0, 3).find((w) => w.startAt === starts[0]);
    expect(first?.waitMs).toBe(0);
    // Another channel does not wait for this one.
    expect(waits[3]?.waitMs).toBe(0);
    await a.close();
    await b.close();
  });

  it("lets a quiet channel post a burst at once across instances, then a second apart", async () => {
    const url = await server.database();
    const a = await PostgresStore.open(url, { log: captureLog().log, role: "tool", instanceId: "a" });
    const b = await PostgresStore.open(url, { log: captureLog().log, role: "tool", instanceId: "b" });
    const waits = await Promise.all([
      a.pace.reserve("C1", 1_000, 3),
      b.pace.reserve("C1", 1_000, 3),
      a.pace.reserve("C1", 1_000, 3),
      b.pace.reserve("C1", 1_000, 3),
    ]);
    const starts = waits.map((w) => w.startAt).sort((x, y) => x - y);
    // Whatever order the statements ran in, three of the four go at once and the fourth a second after the
    // first (or later, if the statements themselves were that far apart on a busy machine).
    expect(waits.filter((w) => w.waitMs === 0).length).toBeGreaterThanOrEqual(3);
    expect(starts[3]! - starts[0]!).toBeGreaterThanOrEqual(1_000);
    await a.close();
    await b.close();
  });

  it("tells the other instances when the knowledge changes (LISTEN/NOTIFY)", async () => {
    const url = await server.database();
    const a = await PostgresStore.open(url, { log: captureLog().log, role: "bot", instanceId: "a" });
    const b = await PostgresStore.open(url, { log: captureLog().log, role: "bot", instanceId: "b" });
    const seen: string[] = [];
    const heard = new Promise<void>((resolve) => {
      b.knowledge.watch((version) => {
        seen.push(version);
        resolve();
      });
    });
    // Publish until b's LISTEN is in place (it connects in the background): the first heard ends the wait.
    let published = 0;
    const publisher = setInterval(() => void a.knowledge.publish(`v${++published}`), 100);
    await heard;
    clearInterval(publisher);
    expect(seen[0]).toMatch(/^v\d+$/u);
    await a.close();
    await b.close();
  });

  it("says what to check when the database cannot be used", async () => {
    const bad = `postgres://postgres@127.0.0.1:${server.port}/no_such_database`;
    const opening = PostgresStore.open(bad, { log: captureLog().log, role: "tool", instanceId: "x" });
    await expect(opening).rejects.toBeInstanceOf(StateError);
    await expect(opening).rejects.toThrow(
      /state: cannot use the PostgreSQL database at 127\.0\.0\.1:\d+\/no_such_database .*check DATABASE_URL/u,
    );
  });

  // Last: it stops the server for a moment.
  it("when the connection is lost: says so once, keeps answering, reports unhealthy, and recovers by itself", async () => {
    const url = await server.database();
    const logs = captureLog();
    const store = await PostgresStore.open(url, { log: logs.log, role: "tool", instanceId: "lost" });
    await store.threads.append("C1:1", { question: "q", focus: [], docs: [], found: true });
    await server.pause();
    // The bot keeps answering: a claim that cannot be made is let through, a thread that cannot be read is empty.
    expect(await store.events.claim("event:EvDown")).toBe(true);
    expect(await store.events.claim("event:EvDown2")).toBe(true);
    expect(await store.threads.has("C1:1")).toBe(false);
    expect(store.health()).toMatchObject({ ok: false, problem: expect.stringMatching(/unreachable/u) });
    expect(logs.at("warn").filter((line) => line.includes("lost the connection"))).toHaveLength(1);
    await server.resume();
    const deadline = Date.now() + 60_000;
    while (!store.health().ok && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(store.health()).toMatchObject({ ok: true, problem: null });
    expect(logs.at("info").join("\n")).toMatch(/the connection to PostgreSQL at .* is back/u);
    expect(await store.threads.has("C1:1")).toBe(true);
    await store.close();
  }, 120_000);

  // Also last: it stops the server for a moment.
  it("/healthz answers 503 while the database is lost, and 200 again once it is back", async () => {
    const url = await server.database();
    const bot = await startHttpBot({ env: { DATABASE_URL: url } });
    const health = async () => {
      const response = await fetch(bot.url.replace("/slack/events", "/healthz"));
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    try {
      expect(await health()).toMatchObject({ status: 200, body: { state: { engine: "postgres" } } });
      await server.pause();
      // A question now finds the database gone (an idle connection may already have said so).
      await bot.mention("CDOWN", "1.1", "troop ceiling");
      await waitUntil(async () => (await health()).status === 503);
      expect((await health()).body).toMatchObject({
        ok: false,
        state: { problem: expect.stringMatching(/unreachable/u) },
      });
      await server.resume();
      await waitUntil(async () => (await health()).status === 200);
      expect(bot.logText()).toMatch(/the connection to PostgreSQL at .* is back/u);
    } finally {
      await bot.close();
    }
  }, 120_000);
});

/** Polls until `check` holds; the ceiling is for a hang, never the thing measured. */
async function waitUntil(check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("gave up waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
