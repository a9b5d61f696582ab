import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import { directOrFollowUp } from "./direct-or-follow-up.ts";

export function register(app: App, deps: SlackDeps): void {
  app.message(directOrFollowUp(deps));
}
