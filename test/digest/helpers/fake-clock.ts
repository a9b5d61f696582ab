import type { Clock } from "../../../src/digest/scheduler.ts";

interface Timer {
  id: number;
  at: number;
  fn: () => unknown;
}

/**
 * A clock whose time moves only when a test says so. `advance` fires the timers that fall due, in time
 * order, moving `now` to each one's time first, and awaits what each returns (the scheduler's tick), so
 * a test can run several days of ticks in milliseconds. Timers due at the same instant fire together, so
 * two schedulers sharing the clock really overlap.
 */
export class FakeClock implements Clock {
  private current: number;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  setTimeout(fn: () => unknown, ms: number): number {
    const id = this.nextId++;
    this.timers.push({ id, at: this.current + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** How many timers are set and not yet fired or cleared. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.current + ms);
  }

  /** Moves time forward to `instant` (a Date or an ISO string), firing timers on the way. */
  async advanceTo(instant: Date | string | number): Promise<void> {
    const end = new Date(instant).getTime();
    for (;;) {
      const next = Math.min(...this.timers.map((timer) => timer.at));
      if (!Number.isFinite(next) || next > end) break;
      this.current = Math.max(this.current, next);
      const due = this.timers.filter((timer) => timer.at === next);
      this.timers = this.timers.filter((timer) => timer.at !== next);
      await Promise.all(due.map((timer) => timer.fn()));
    }
    this.current = Math.max(this.current, end);
  }
}
