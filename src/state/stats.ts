/**
 * Writes made by every state store in this process, for the load benchmark, which reports state writes per
 * question. Also reachable as `globalThis[Symbol.for("minusma.stateStats")]`, so the benchmark's probe
 * (preloaded into the bot, where a module of ours may load twice) reads the one the stores count in.
 */
export const stateStats: { writes: number } = (() => {
  const key = Symbol.for("minusma.stateStats");
  const global = globalThis as unknown as Record<symbol, { writes: number } | undefined>;
  global[key] ??= { writes: 0 };
  return global[key];
})();
