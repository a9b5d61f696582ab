import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, loadDotEnv } from "../src/config.ts";

const BOT = "xoxb-1111-2222-abcdef";
const APP = "xapp-1-A111-2222-abcdef";
const SECRET = "0123456789abcdef0123456789abcdef";

describe("loadConfig", () => {
  it("defaults everything, and opens the local shell with no Slack credentials", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: "shell",
      KNOWLEDGE_DIR: "knowledge",
      STATE_DIR: ".data",
      LOG_LEVEL: "info",
      PORT: 3000,
      DIGEST_TIME: "08:00",
      DIGEST_TZ: "UTC",
      QUESTIONS_PER_MINUTE: 10,
    });
    expect(config.HOST).toBeUndefined();
    expect(config.SLACK_API_URL).toBeUndefined();
  });

  it("treats empty and blank strings as unset, so defaults apply", () => {
    const config = loadConfig({
      STATE_DIR: "",
      PORT: "  ",
      SLACK_BOT_TOKEN: "",
      SLACK_APP_TOKEN: " ",
      HOST: "",
    });
    expect(config.mode).toBe("shell");
    expect(config.STATE_DIR).toBe(".data");
    expect(config.PORT).toBe(3000);
    expect(config.HOST).toBeUndefined();
  });

  it("reads QUESTIONS_PER_MINUTE as a whole number, 0 turning the limit off, and explains a bad one", () => {
    expect(loadConfig({ QUESTIONS_PER_MINUTE: "30" }).QUESTIONS_PER_MINUTE).toBe(30);
    expect(loadConfig({ QUESTIONS_PER_MINUTE: "0" }).QUESTIONS_PER_MINUTE).toBe(0);
    expect(() => loadConfig({ QUESTIONS_PER_MINUTE: "lots" })).toThrow(
      /QUESTIONS_PER_MINUTE: must be a number \(how many questions each person may ask a minute, 10 by default, 0 for no limit\)/u,
    );
    expect(() => loadConfig({ QUESTIONS_PER_MINUTE: "-1" })).toThrow(
      /QUESTIONS_PER_MINUTE: must be 0 \(no limit\) or more/u,
    );
    expect(() => loadConfig({ QUESTIONS_PER_MINUTE: "2.5" })).toThrow(
      /QUESTIONS_PER_MINUTE: must be a whole number/u,
    );
  });

  it("leaves ANSWER_WORKERS unset for the Slack layer to choose, and reads 0 as answering on the main thread", () => {
    expect(loadConfig({}).ANSWER_WORKERS).toBeUndefined();
    expect(loadConfig({ ANSWER_WORKERS: "0" }).ANSWER_WORKERS).toBe(0);
    expect(loadConfig({ ANSWER_WORKERS: "3" }).ANSWER_WORKERS).toBe(3);
    expect(() => loadConfig({ ANSWER_WORKERS: "99" })).toThrow(
      /ANSWER_WORKERS: must be at most 16 \(worker threads that answer questions; leave it unset for one per core \(up to 4\)\)/u,
    );
  });

  it("chooses Socket Mode with a bot and an app token, even when a signing secret is set too", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }).mode).toBe("socket");
    expect(
      loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SECRET }).mode,
    ).toBe("socket");
  });

  it("chooses HTTP mode with a bot token and a signing secret, on PORT and HOST", () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: SECRET,
      PORT: "0",
      HOST: "127.0.0.1",
    });
    expect(config).toMatchObject({ mode: "http", PORT: 0, HOST: "127.0.0.1" });
  });

  it("says which credentials are missing when only some are set", () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: BOT })).toThrow(
      /incomplete Slack credentials\. For Socket Mode set SLACK_BOT_TOKEN and SLACK_APP_TOKEN/u,
    );
    expect(() => loadConfig({ SLACK_APP_TOKEN: APP })).toThrow(ConfigError);
  });

  it("lets a command-line tool run with only the bot token it needs", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT }, { tool: true })).toMatchObject({
      SLACK_BOT_TOKEN: BOT,
      mode: "shell",
    });
  });

  it("lists every bad variable at once, each with what to do", () => {
    let message = "";
    try {
      loadConfig({
        SLACK_BOT_TOKEN: "xoxp-user-token",
        SLACK_APP_TOKEN: "not-a-token",
        SLACK_API_URL: "ftp://example.com/api/",
        PORT: "70000",
        LOG_LEVEL: "loud",
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^config: fix these environment variables \(see \.env\.example\):/u);
    expect(message).toMatch(/SLACK_BOT_TOKEN: must be a bot token starting with xoxb- \(copy it from/u);
    expect(message).toMatch(/SLACK_APP_TOKEN: must be an app-level token starting with xapp- \(create one/u);
    expect(message).toMatch(
      /SLACK_API_URL: must be an http\(s\) URL .*\(leave it unset to talk to Slack itself\)/u,
    );
    expect(message).toMatch(/PORT: must be between 0 and 65535/u);
    expect(message).toMatch(/LOG_LEVEL: .*\(one of debug, info, warn, error\)/u);
  });

  it("never puts a token's value in its message", () => {
    const secret = "xoxp-secret-value-1234";
    expect(() => loadConfig({ SLACK_BOT_TOKEN: secret })).toThrow(ConfigError);
    try {
      loadConfig({ SLACK_BOT_TOKEN: secret });
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });
});

describe("loadDotEnv", () => {
  it("loads .env without overriding what the shell already set, and says nothing when there is none", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "minusma-env-"));
    const file = path.join(dir, ".env");
    await writeFile(file, "MINUSMA_TEST_FROM_FILE=file\nMINUSMA_TEST_SET=file\n");
    process.env.MINUSMA_TEST_SET = "shell";
    try {
      expect(loadDotEnv(file)).toBe(true);
      expect(process.env.MINUSMA_TEST_FROM_FILE).toBe("file");
      expect(process.env.MINUSMA_TEST_SET).toBe("shell");
      expect(loadDotEnv(path.join(dir, "missing.env"))).toBe(false);
    } finally {
      delete process.env.MINUSMA_TEST_FROM_FILE;
      delete process.env.MINUSMA_TEST_SET;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
