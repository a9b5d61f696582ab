import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The seams of the source tree, checked on the imports themselves (type-only ones included: a cycle of types
// is still two modules that cannot be understood one without the other).

const SRC = path.resolve(import.meta.dirname, "../src");

/** Every module under src/ and what it imports: relative paths resolved (to src/-relative), packages as named. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const files = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter((file) =>
    /\.m?ts$/u.test(file),
  );
  for (const file of files) {
    const text = readFileSync(path.join(SRC, file), "utf8");
    const targets: string[] = [];
    for (const match of text.matchAll(/^\s*(?:import|export)\b[^'";]*?from\s+["']([^"']+)["']/gmu)) {
      const spec = match[1]!;
      targets.push(spec.startsWith(".") ? path.normalize(path.join(path.dirname(file), spec)) : spec);
    }
    for (const match of text.matchAll(/\bimport\(\s*["'](\.[^"']+)["']\s*\)/gu)) {
      targets.push(path.normalize(path.join(path.dirname(file), match[1]!)));
    }
    graph.set(path.normalize(file), targets);
  }
  return graph;
}

/** The import cycles among the modules, each as the list of modules around it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === "open") found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe("the source tree", () => {
  const graph = importGraph();

  it("has no import cycle, type-only imports included", () => {
    expect(cycles(graph).map((cycle) => cycle.join(" -> "))).toEqual([]);
  });

  it("keeps the core free of Slack, of the environment and of the layers around it", () => {
    const offending = [...graph].flatMap(([file, targets]) =>
      file.startsWith(`core${path.sep}`)
        ? targets
            .filter(
              (target) =>
                target.startsWith("@slack/") || (!target.startsWith("core") && target.endsWith(".ts")),
            )
            .map((target) => `${file} imports ${target}`)
        : [],
    );
    expect(offending).toEqual([]);
  });

  it("reads the environment in one place, src/config.ts (the others are handed it whole, for loadConfig)", () => {
    const readers = [...graph.keys()].filter(
      (file) =>
        file !== "config.ts" &&
        /process\.env(?:\.[A-Za-z_]|\[)/u.test(readFileSync(path.join(SRC, file), "utf8")),
    );
    expect(readers).toEqual([]);
  });

  it("keeps the digest's schedule, record and content apart from Slack, whose adapters are passed in", () => {
    const offending = [...graph].flatMap(([file, targets]) =>
      file.startsWith(`digest${path.sep}`)
        ? targets
            .filter((target) => target.startsWith("@slack/") || target.startsWith(`slack${path.sep}`))
            .map((target) => `${file} imports ${target}`)
        : [],
    );
    expect(offending).toEqual([]);
  });
});
