import { execFile } from "node:child_process";
import { once } from "node:events";

/** The pid of a process that has already exited: what a crashed bot leaves in its lock file. */
export async function deadPid(): Promise<number> {
  const child = execFile(process.execPath, ["-e", ""]);
  const pid = child.pid!;
  await once(child, "exit");
  return pid;
}
