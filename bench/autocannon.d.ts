// The part of autocannon's programmatic API the load benchmark uses (the package ships no types).
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  export interface AutocannonRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }

  export interface RequestTemplate extends AutocannonRequest {
    /** called before each request is sent; returns the request to send */
    setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
  }

  export interface Options {
    url: string;
    connections?: number;
    /** requests per second over all connections */
    overallRate?: number;
    /** requests to send before stopping; takes precedence over duration */
    amount?: number;
    duration?: number;
    /** seconds to wait for a response before counting a timeout */
    timeout?: number;
    pipelining?: number;
    requests?: RequestTemplate[];
    title?: string;
  }

  export interface Histogram {
    min: number;
    max: number;
    average: number;
    p50: number;
    p99: number;
  }

  export interface Result {
    title?: string;
    latency: Histogram;
    requests: Histogram & { total: number; sent: number };
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
  }

  /** emits "response" (client, statusCode, resBytes, responseTimeMs) for every response */
  export interface Instance extends EventEmitter {
    stop(): void;
  }

  function autocannon(options: Options, done: (error: Error | null, result: Result) => void): Instance;
  export default autocannon;
}
