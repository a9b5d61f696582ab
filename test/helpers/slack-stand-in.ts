import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One Web API call the bot made. */
export interface RecordedCall {
  method: string;
  /** the call's arguments, with JSON-encoded fields (blocks) decoded */
  args: Record<string, unknown>;
  /** the bearer token it was made with */
  token: string | null;
  /** what the stand-in answered */
  result?: unknown;
  /** when the call arrived (Date.now()) */
  at: number;
}

/** One message the bot sent to a response_url. */
export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
  /** the HTTP status the stand-in answered it with: 200, or what a test scripted */
  status: number;
  at: number;
}

/**
 * A scripted answer to one call: a Web API result, an HTTP status with headers (429 and Retry-After), or
 * no answer at all (`hang`: the request stays open until the stand-in closes), as a Web API that stopped
 * answering would.
 */
export type ScriptedReply =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | { body: unknown }
  | { hang: true }
  /** the call is carried out (a post is stored in its channel) but answered only after `ms`: past a timeout */
  | { acceptAfterMs: number };

/** A message the stand-in holds in a channel, as conversations.history and conversations.replies return it. */
export interface StoredMessage {
  ts: string;
  thread_ts?: string;
  text?: unknown;
  bot_id: string;
  user: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export const STAND_IN_BOT = { userId: "U0BOT", botId: "B0BOT", teamId: "T0TEST" } as const;

/**
 * A stand-in for Slack's Web API, for response_urls and for the Socket Mode WebSocket, on 127.0.0.1: it
 * records every call and answers as Slack does for the methods the bot uses. Tests script failures with
 * `failNext` and push Socket Mode envelopes with `sendEnvelope`.
 */
export class SlackStandIn {
  readonly calls: RecordedCall[] = [];
  readonly responses: ResponsePost[] = [];
  /** what the bot sent over the Socket Mode WebSocket (its envelope acknowledgements) */
  readonly socketMessages: Array<Record<string, unknown>> = [];
  readonly #sockets = new Set<Socket>();
  readonly #scripted = new Map<string, ScriptedReply[]>();
  /** the messages posted, by channel, oldest first */
  readonly messages = new Map<string, StoredMessage[]>();
  readonly #server: Server;
  #ts = 1_700_000_000;
  /** added to every answer (Web API and response_urls), so that requests are still in flight when a test acts */
  latencyMs = 0;
  /** while true, no Web API call is ever answered (response_urls still are): Slack's API down or cut off */
  unresponsive = false;
  /** methods answered with this reply every time, until removed: an outage of one method (after `failNext`'s) */
  readonly failing = new Map<string, ScriptedReply>();

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<SlackStandIn> {
    const server = createServer();
    const standIn = new SlackStandIn(server);
    server.on("request", (request, response) => {
      standIn.#handle(request).then(
        ({ status, headers, body }) => {
          response.writeHead(status, { "Content-Type": "application/json", ...headers });
          response.end(JSON.stringify(body));
        },
        (error: unknown) => {
          response.writeHead(500);
          response.end(String(error));
        },
      );
    });
    server.on("upgrade", (request: IncomingMessage, socket: Socket) =>
      standIn.#acceptWebSocket(request, socket),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return standIn;
  }

  /** Whether a Socket Mode connection is open. */
  get socketConnected(): boolean {
    return [...this.#sockets].some((socket) => !socket.destroyed);
  }

  /** Sends a Socket Mode envelope (events_api, slash_commands, interactive) to every connected bot. */
  sendEnvelope(envelope: Record<string, unknown>): void {
    for (const socket of this.#sockets) sendFrame(socket, 0x1, Buffer.from(JSON.stringify(envelope)));
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** The SLACK_API_URL to give the bot. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A response_url that records what is posted to it under `id`. */
  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${encodeURIComponent(id)}`;
  }

  /** Answers the next call to `method` with `reply` instead of the usual success. */
  failNext(method: string, reply: ScriptedReply): void {
    this.#scripted.set(method, [...(this.#scripted.get(method) ?? []), reply]);
  }

  /** Answers the next post to the response_url `id` with `reply` (a 404, say) instead of 200. */
  failNextResponse(id: string, reply: ScriptedReply): void {
    this.failNext(`response:${id}`, reply);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** The messages the response_url `id` accepted (a scripted refusal is not a message delivered). */
  responsesTo(id: string): ResponsePost[] {
    return this.responses.filter((post) => post.id === id && post.status < 300);
  }

  /** Every post to the response_url `id`, accepted or refused. */
  responseAttempts(id: string): ResponsePost[] {
    return this.responses.filter((post) => post.id === id);
  }

  /**
   * Waits until `find` returns something (polling), or fails naming what it waited for. The ceiling is for a
   * hang, generous because a busy machine may take many times the usual.
   */
  async waitFor<T>(what: string, find: () => T | undefined | null | false, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`stand-in: gave up waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  async #handle(
    request: IncomingMessage,
  ): Promise<{ status: number; headers?: Record<string, string>; body: unknown }> {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const raw = await readBody(request);
    const at = Date.now();
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (url.pathname.startsWith("/response/")) {
      const id = decodeURIComponent(url.pathname.slice("/response/".length));
      const reply = answer(this.#scripted.get(`response:${id}`)?.shift(), () => ({ ok: true }));
      if (reply === "hang") return new Promise(() => undefined);
      this.responses.push({ id, body: JSON.parse(raw) as Record<string, unknown>, status: reply.status, at });
      return reply;
    }
    if (!url.pathname.startsWith("/api/")) return { status: 404, body: { ok: false, error: "not_found" } };
    const method = url.pathname.slice("/api/".length);
    const args = parseArgs(raw, request.headers["content-type"] ?? "");
    const authorization = request.headers.authorization;
    const token = authorization?.startsWith("Bearer ")
      ? authorization.slice(7)
      : ((args.token as string) ?? null);
    const call: RecordedCall = { method, args, token, at };
    this.calls.push(call);
    if (this.unresponsive) return new Promise(() => undefined);
    const scripted = this.#scripted.get(method)?.shift() ?? this.failing.get(method);
    if (scripted && "acceptAfterMs" in scripted) {
      // Carried out now (a post is in its channel at once), answered late: what a client's timeout meets.
      const body = this.#success(method, args);
      call.result = body;
      await new Promise((resolve) => setTimeout(resolve, scripted.acceptAfterMs).unref());
      return { status: 200, body };
    }
    const reply = answer(scripted, () => this.#success(method, args));
    if (reply === "hang") return new Promise(() => undefined);
    call.result = reply.body;
    return reply;
  }

  /** The WebSocket handshake (RFC 6455), then frames: text messages recorded, pings answered, close echoed. */
  #acceptWebSocket(request: IncomingMessage, socket: Socket): void {
    const key = request.headers["sec-websocket-key"];
    if (request.url !== "/socket" || typeof key !== "string") {
      socket.destroy();
      return;
    }
    const accept = createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.#sockets.add(socket);
    socket.on("close", () => this.#sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let pending = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const frame = readFrame(pending);
        if (!frame) break;
        pending = pending.subarray(frame.size);
        if (frame.opcode === 0x1) this.socketMessages.push(JSON.parse(frame.payload.toString("utf8")));
        else if (frame.opcode === 0x9) sendFrame(socket, 0xa, frame.payload);
        else if (frame.opcode === 0x8) {
          sendFrame(socket, 0x8, frame.payload);
          socket.end();
        }
      }
    });
    // What Slack sends first: the connection is ready.
    sendFrame(
      socket,
      0x1,
      Buffer.from(
        JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0TEST" } }),
      ),
    );
  }

  #success(method: string, args: Record<string, unknown>): unknown {
    switch (method) {
      case "apps.connections.open":
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
      case "auth.test":
        return {
          ok: true,
          url: "https://stand-in.example/",
          team: "Stand-in",
          user: "minusma",
          team_id: STAND_IN_BOT.teamId,
          user_id: STAND_IN_BOT.userId,
          bot_id: STAND_IN_BOT.botId,
        };
      case "chat.postMessage": {
        const ts = this.#nextTs();
        const channel = String(args.channel);
        const message: StoredMessage = {
          ts,
          text: args.text,
          bot_id: STAND_IN_BOT.botId,
          user: STAND_IN_BOT.userId,
          ...(typeof args.thread_ts === "string" ? { thread_ts: args.thread_ts } : {}),
          ...(isMetadata(args.metadata) ? { metadata: args.metadata } : {}),
        };
        this.messages.set(channel, [...(this.messages.get(channel) ?? []), message]);
        return { ok: true, channel: args.channel, ts, message: { type: "message", text: args.text, ts } };
      }
      case "conversations.history": {
        // Top-level messages, newest first; metadata only when asked for, as Slack does.
        const all = (this.messages.get(String(args.channel)) ?? []).filter(
          (m) => !m.thread_ts || m.thread_ts === m.ts,
        );
        const limit = Number(args.limit ?? 100);
        const messages = [...all]
          .reverse()
          .slice(0, limit)
          .map((m) => withMetadata(m, args.include_all_metadata));
        return { ok: true, messages, has_more: all.length > limit };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.#nextTs() };
      case "reactions.add":
      case "reactions.remove":
        return { ok: true };
      case "conversations.replies": {
        // The thread's messages, oldest first (the parent, when it is the bot's, first of all).
        const thread = (this.messages.get(String(args.channel)) ?? []).filter(
          (m) => m.ts === args.ts || m.thread_ts === args.ts,
        );
        return {
          ok: true,
          messages: thread.map((m) => withMetadata(m, args.include_all_metadata)),
          has_more: false,
        };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  #nextTs(): string {
    this.#ts += 1;
    return `${this.#ts}.000100`;
  }
}

function isMetadata(value: unknown): value is StoredMessage["metadata"] {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { event_type?: unknown }).event_type === "string"
  );
}

function withMetadata(message: StoredMessage, include: unknown): StoredMessage {
  if (include === true || include === "true") return message;
  const { metadata: _left, ...rest } = message;
  return rest;
}

/** One unfragmented WebSocket frame from the start of a buffer (client frames are masked), or null if incomplete. */
function readFrame(buffer: Buffer): { opcode: number; payload: Buffer; size: number } | null {
  if (buffer.length < 2) return null;
  const opcode = (buffer[0] ?? 0) & 0x0f;
  const masked = ((buffer[1] ?? 0) & 0x80) !== 0;
  let length = (buffer[1] ?? 0) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return null;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return null;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  const mask = masked ? buffer.subarray(offset, offset + 4) : null;
  if (masked) offset += 4;
  if (buffer.length < offset + length) return null;
  const payload = Buffer.from(buffer.subarray(offset, offset + length));
  if (mask) for (let i = 0; i < payload.length; i += 1) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return { opcode, payload, size: offset + length };
}

/** Writes one unmasked (server-to-client) WebSocket frame. */
function sendFrame(socket: Socket, opcode: number, payload: Buffer): void {
  if (socket.destroyed) return;
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : length < 65_536
        ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(length)]);
  socket.write(Buffer.concat([header, payload]));
}

function bigLength(length: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(BigInt(length));
  return buffer;
}

/** The reply to send: the scripted one if any, else the usual success. */
function answer(
  scripted: ScriptedReply | undefined,
  success: () => unknown,
): { status: number; headers?: Record<string, string>; body: unknown } | "hang" {
  if (!scripted) return { status: 200, body: success() };
  if ("hang" in scripted) return "hang";
  if ("acceptAfterMs" in scripted) return { status: 200, body: success() };
  if ("status" in scripted)
    return { status: scripted.status, headers: scripted.headers, body: scripted.body ?? {} };
  return { status: 200, body: scripted.body };
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return JSON.parse(raw || "{}") as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/u.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
