import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import { COMMAND } from "../../strings.ts";
import { minusmaCommand } from "./minusma.ts";
import { BUILT_IN_SUBCOMMANDS } from "./subcommands.ts";

export function register(app: App, deps: SlackDeps): void {
  app.command(COMMAND, minusmaCommand(deps, [...BUILT_IN_SUBCOMMANDS, ...deps.subcommands]));
}
