import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./free-port.ts";

const run = promisify(execFile);

/** Where Debian's postgresql-15 puts its programs (`.ci/run` installs it where it is missing). */
export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

/**
 * Whether the PostgreSQL tests can run here. On a developer's machine without PostgreSQL they are skipped; in CI
 * they must run, so a missing server fails the run instead of passing it with the shared engine untested.
 */
export function postgresInstalled(): boolean {
  const installed = existsSync(path.join(PG_BIN, "initdb")) && existsSync(path.join(PG_BIN, "pg_ctl"));
  if (!installed && process.env.CI) {
    throw new Error(
      `tests: PostgreSQL 15 is not installed (no initdb/pg_ctl in ${PG_BIN}): .ci/run installs it with ` +
        "apt-get install -y postgresql, or set PG_BIN to where its programs are",
    );
  }
  return installed;
}

/**
 * A real PostgreSQL server for the tests, in a temporary folder, on 127.0.0.1 and a free port, with trust
 * authentication (nothing else can reach it). PostgreSQL refuses to run as root, so as root the folder is
 * given to the `postgres` user and the server runs as that user. `stop()` stops it and removes the folder.
 */
export async function startPostgres() {
  const dir = await mkdtemp(path.join(tmpdir(), "minusma-pg-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: group } = await run("id", ["-g", "postgres"]);
    await chown(dir, Number(stdout.trim()), Number(group.trim()));
    await chmod(dir, 0o700);
  }
  const as = async (program: string, args: string[]) => {
    const file = path.join(PG_BIN, program);
    return asRoot ? run("runuser", ["-u", "postgres", "--", file, ...args]) : run(file, args);
  };
  await as("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    // No Unix socket: the temporary folder is the only place it could go, and TCP is what the bot uses.
    "-c unix_socket_directories=''",
    // Tests need no durability across a power cut; this keeps a busy disk from slowing them.
    "-c fsync=off",
    "-c max_connections=200",
  ].join(" ");
  const start = () =>
    as("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    url,
    port,
    /** A fresh, empty database on the server, so each test starts clean; returns its URL. */
    async database(): Promise<string> {
      databases += 1;
      const name = `minusma_${process.pid}_${databases}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    /** Stops the server at once (connections are cut), as a crash or a restart of the database would. */
    async pause(): Promise<void> {
      await as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    },
    /** Starts it again after `pause()`, on the same port. */
    async resume(): Promise<void> {
      await start();
    },
    async stop(): Promise<void> {
      await as("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type PostgresServer = Awaited<ReturnType<typeof startPostgres>>;
