// `npm run bench [-- --quick]`: the answer benchmark, then the import and live-reload one. One process, so
// both see the same arguments (npm appends them to the last command of a script only).
await import("./answer.bench.ts");
console.log("");
await import("./import.bench.ts");
