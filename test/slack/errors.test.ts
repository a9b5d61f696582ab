import { WebAPIRateLimitedError, WebAPIRequestError } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { describeError, slackFailure } from "../../src/slack/errors.ts";
import { platformError } from "../helpers/slack-fakes.ts";

describe("slackFailure", () => {
  it("reads Slack's error code, and knows when the bot cannot post in a conversation", () => {
    expect(slackFailure(platformError("not_in_channel"))).toEqual({
      code: "not_in_channel",
      description: "Slack answered not_in_channel: invite the bot to the channel (/invite @minusma)",
      unreachable: true,
    });
    expect(slackFailure(platformError("channel_not_found"))?.unreachable).toBe(true);
    expect(slackFailure(platformError("internal_error"))).toMatchObject({
      code: "internal_error",
      unreachable: false,
    });
  });

  it("recognises rate limiting, whether thrown by the client or answered by Slack", () => {
    expect(slackFailure(new WebAPIRateLimitedError(30))?.description).toBe(
      "Slack is rate limiting the bot (retry after 30 s): Slack is rate limiting the bot; it retries after the wait Slack asks for",
    );
    expect(slackFailure(platformError("ratelimited"))?.code).toBe("ratelimited");
  });

  it("tells a network failure apart, pointing at SLACK_API_URL", () => {
    const failure = slackFailure(new WebAPIRequestError(new Error("connect ECONNREFUSED")));
    expect(failure?.code).toBe("request_error");
    expect(failure?.description).toMatch(
      /cannot reach Slack \(.*ECONNREFUSED.*\): check the network or SLACK_API_URL/u,
    );
  });

  it("recognises a 429 the client gave up on because its Retry-After was missing or unreadable", () => {
    const failure = slackFailure(
      new Error(
        "Retry header did not contain a valid timeout (url: http://127.0.0.1:1/api/chat.postMessage, retry-after header: soon)",
      ),
    );
    expect(failure).toMatchObject({ code: "ratelimited_without_wait", unreachable: false });
    expect(failure?.description).toMatch(
      /^Slack answered 429 \(rate limited\) without a usable Retry-After \(soon\), so the call was not retried; if a proxy/u,
    );
  });

  it("recognises a call given up at its time limit", () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    expect(slackFailure(timeout)).toMatchObject({
      code: "timeout",
      description:
        "no answer within the time limit (The operation was aborted due to timeout); the call was given up",
    });
  });

  it("is null for errors that did not come from Slack", () => {
    expect(slackFailure(new TypeError("x is undefined"))).toBeNull();
    expect(slackFailure("a string")).toBeNull();
  });
});

describe("describeError", () => {
  it("keeps the stack of a bug, and only the line of a Slack failure", () => {
    expect(describeError(new TypeError("boom"))).toMatch(/^TypeError: boom\n\s+at /u);
    expect(describeError(platformError("missing_scope"))).toBe(
      "Slack answered missing_scope: add the missing scope in the app settings (see manifest.yml) and reinstall the app",
    );
  });
});
