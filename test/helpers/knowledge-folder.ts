import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";

const made: string[] = [];

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A knowledge folder in a temporary directory with the given files; removed after the test. */
export async function knowledgeFolder(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "minusma-knowledge-"));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

/** A well-formed knowledge file. */
export function doc(front: Record<string, string | boolean>, body: string): string {
  const lines = Object.entries(front).map(
    ([key, value]) => `${key}: ${typeof value === "string" ? JSON.stringify(value) : value}`,
  );
  return `---\n${lines.join("\n")}\n---\n\n${body}\n`;
}
