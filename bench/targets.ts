import { cpus, loadavg } from "node:os";

/** p50, p95 and p99 of samples (NaN when there are none). */
export function percentiles(samples: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/**
 * The targets a benchmark checks: each figure is printed with its target and "ok" or "MISSED", and the
 * summary never says every target was met when one was missed.
 */
export class Targets {
  readonly missed: string[] = [];
  #checked = 0;

  /** "(target ≤ 10 ms: ok)"; a figure that is not a number (nothing measured) is missed. */
  check(name: string, value: number, atMost: number, unit: string, strict = false): string {
    this.#checked += 1;
    const ok = Number.isFinite(value) && (strict ? value < atMost : value <= atMost);
    if (!ok) this.missed.push(name);
    const limit = `${atMost.toLocaleString("en-US")}${unit ? ` ${unit}` : ""}`;
    return `(target ${strict ? "<" : "≤"} ${limit}: ${ok ? "ok" : "MISSED"})`;
  }

  /** A yes/no target: "(target: all, once: ok)". */
  require(name: string, ok: boolean, what: string): string {
    this.#checked += 1;
    if (!ok) this.missed.push(name);
    return `(target: ${what}: ${ok ? "ok" : "MISSED"})`;
  }

  summary(): string {
    return this.missed.length === 0
      ? `every target met (${this.#checked} checked)`
      : `${this.missed.length} of ${this.#checked} targets MISSED: ${this.missed.join(", ")}`;
  }
}

/** How busy the machine was: its load average against its cores, to read the figures with. */
export function machineLoad(): string {
  const [one, five] = loadavg();
  return `load average ${one!.toFixed(1)} (1 min), ${five!.toFixed(1)} (5 min) on ${cpus().length} cores`;
}
