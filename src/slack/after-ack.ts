import type { AppLogger } from "../log.ts";
import { describeError } from "./errors.ts";
import type { InFlight } from "./in-flight.ts";

/**
 * Runs the work that follows an acknowledgement; see `detachedWork`. Resolves when the listener may return:
 * at once when the work is detached (the running app), after it when it is run in place.
 */
export type Detach = (what: string, work: () => Promise<void>) => Promise<void>;

/**
 * Work handed over by a listener once Slack has its acknowledgement: started at once, counted as in flight
 * (a stopping bot waits for it), its errors logged. The listener returns right away, so Bolt lets go of
 * the request it was holding for it (the HTTP request and response, the raw body, the listener's
 * arguments); under more questions than the CPU can answer, what waits is the question alone, a few
 * kilobytes, instead of the whole request. Each piece of work still catches its own errors and apologises;
 * this only keeps one it missed from becoming an unhandled rejection.
 */
export function detachedWork(inFlight: InFlight, log: AppLogger): Detach {
  return (what, work) => {
    const done = inFlight.begin();
    work()
      .catch((error: unknown) => log.error(`unhandled error while ${what}: ${describeError(error)}`))
      .finally(done);
    return Promise.resolve();
  };
}
