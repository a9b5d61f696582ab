import AppModule from "@slack/bolt/dist/App.js";
import HTTPReceiverModule from "@slack/bolt/dist/receivers/HTTPReceiver.js";
import SocketModeReceiverModule from "@slack/bolt/dist/receivers/SocketModeReceiver.js";
import VerifyRequestModule from "@slack/bolt/dist/receivers/verify-request.js";

// The parts of Bolt the bot uses, each from its own module. Bolt's index also loads its Express receiver
// (Express and what it needs: mime types, a query-string parser...) and its AWS Lambda receiver, which the
// bot never uses: about 20 ms of CPU at every start, before the bot can take a question. Types still come
// from "@slack/bolt".

/**
 * The class a CommonJS module exports as `default`, however the loader hands the module over: Node (and tsx,
 * and esbuild's bundle) gives an ES module's default import the whole `module.exports`, vitest the `default`
 * itself.
 */
function classOf<T>(module: { default: T }): T {
  const inner: unknown = module.default;
  return (typeof inner === "function" ? inner : module) as T;
}

export const BoltApp = classOf(AppModule);
export const BoltHTTPReceiver = classOf(HTTPReceiverModule);
export const BoltSocketModeReceiver = classOf(SocketModeReceiverModule);
export const verifySlackRequest = VerifyRequestModule.verifySlackRequest;
