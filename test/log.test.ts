import { describe, expect, it } from "vitest";
import { AppLogger, type Level } from "../src/log.ts";

function capture(level: Level, secrets: string[] = []) {
  const lines: string[] = [];
  const log = AppLogger.create({
    level,
    secrets,
    sink: (_level, line) => lines.push(line),
    now: () => new Date("2024-05-01T08:00:00Z"),
  });
  return { log, lines };
}

describe("AppLogger", () => {
  it("writes a timestamp, the level and the component", () => {
    const { log, lines } = capture("info");
    log.child("slack").info("answered", 3);
    expect(lines).toEqual(["2024-05-01T08:00:00.000Z INFO  [slack] answered 3"]);
  });

  it("drops lines below its level, and Bolt can change the level", () => {
    const { log, lines } = capture("warn");
    log.info("hidden");
    log.setLevel("debug" as Parameters<AppLogger["setLevel"]>[0]);
    log.debug("shown");
    expect(lines).toHaveLength(1);
    expect(String(log.getLevel())).toBe("debug");
  });

  it("never prints a Slack token or the signing secret, whoever logs them", () => {
    const secret = "8f14e45fceea167a5a36dedd4bea2543";
    const { log, lines } = capture("debug", [secret]);
    log.debug("token xoxb-1234-5678-abcdefABCDEF and xapp-1-A1-2-ff and xoxp-9-9");
    log.error(new Error(`signature check with ${secret} failed`));
    log.debug("connecting to wss://wss-primary.slack.com/link/?ticket=5f2b-9c1d&app_id=A1");
    const text = lines.join("\n");
    expect(text).not.toMatch(/xoxb-1234|xapp-1-A1|xoxp-9-9/u);
    expect(text).not.toContain(secret);
    expect(text).not.toContain("5f2b-9c1d");
    expect(text).toContain("ticket=[redacted]&app_id=A1");
    expect(text).toContain("[redacted]");
  });

  it("keeps its name when the Slack SDKs try to rename it", () => {
    const { log, lines } = capture("info");
    const bolt = log.child("bolt");
    bolt.setName("socket-mode:SocketModeClient:0");
    bolt.info("connected");
    expect(lines[0]).toContain("[bolt] connected");
  });
});
