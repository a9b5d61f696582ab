// The entry of the knowledge build worker. In Node 20 a worker thread does not inherit the TypeScript loader
// (tsx) of the thread that starts it, so it registers the loader itself before loading its TypeScript.
import { register } from "tsx/esm/api";

register();
await import("./build-worker.ts");
