/**
 * Writes made by every state store in this process, for the load benchmark (bench/load-probe.ts), which
 * reports state writes per question.
 */
export const stateStats = { writes: 0 };
