import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { EVENT_SCOPES, requiredScopes, SCOPE_REASONS, SLASH_COMMANDS } from "../../src/slack/requirements.ts";
import { COMMAND } from "../../src/slack/strings.ts";

interface Manifest {
  display_information: { name: string; description: string };
  features: {
    app_home: { messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: Array<{
      command: string;
      description: string;
      usage_hint: string;
      should_escape: boolean;
    }>;
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

const manifest = YAML.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../manifest.yml"), "utf8"),
) as Manifest;

describe("manifest.yml", () => {
  it("creates the bot user minusma, open to direct messages", () => {
    expect(manifest.display_information.name).toBe("minusma");
    expect(manifest.features.bot_user.display_name).toBe("minusma");
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
  });

  it("declares the slash command the code listens to, with a description and a usage hint", () => {
    expect(manifest.features.slash_commands).toHaveLength(Object.keys(SLASH_COMMANDS).length);
    const command = manifest.features.slash_commands[0];
    expect(command?.command).toBe(COMMAND);
    expect(command?.description.length).toBeGreaterThan(10);
    expect(command?.usage_hint).toContain("sources");
    expect(command?.usage_hint).toContain("help");
  });

  it("subscribes to exactly the events the code handles", () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      Object.keys(EVENT_SCOPES).sort(),
    );
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(["app_mention", "message.channels", "message.groups", "message.im"]),
    );
  });

  it("grants exactly the bot scopes the code needs, no user scopes, each with a reason for the README", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(requiredScopes());
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
    for (const scope of requiredScopes()) expect(SCOPE_REASONS[scope]).toEqual(expect.any(String));
  });

  it("turns on interactivity (the buttons) and Socket Mode", () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
