// Run as a child process by test/state/store.test.ts: saves the state store as fast as it can, with a large
// thread memory so each write takes a while, until it is killed. Prints "saved <n>" after each complete save.
import { StateStore } from "../../src/state/store.ts";

const dir = process.argv[2];
if (!dir) throw new Error("usage: state-writer.ts <dir>");
const store = await StateStore.open(dir, { log: { warn: console.error, info: console.error } });
const padding = "x".repeat(200);
for (let n = 1; ; n += 1) {
  for (let t = 0; t < 200; t += 1) {
    store.threads.append(`C1:${t}`, {
      question: `question ${n} ${padding}`,
      focus: ["troop", "ceiling"],
      docs: [],
      found: true,
    });
  }
  await store.flush();
  process.stdout.write(`saved ${n}\n`);
}
