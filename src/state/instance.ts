import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/**
 * A name for this process, unique across restarts and machines: host, pid and a random part. /healthz shows
 * it, the digest's record keeps it, and the log uses it to say which instance did what.
 */
export function instanceName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}
