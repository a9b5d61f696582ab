import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import { appMention } from "./app-mention.ts";

export function register(app: App, deps: SlackDeps): void {
  app.event("app_mention", appMention(deps));
}
