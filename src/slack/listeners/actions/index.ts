import type { App, BlockButtonAction } from "@slack/bolt";
import { ACTION_IDS } from "../../blocks/action-values.ts";
import type { SlackDeps } from "../../deps.ts";
import { recordFeedback } from "./feedback.ts";
import { shareAnswer } from "./share.ts";
import { showPassage } from "./show-passage.ts";

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.share, shareAnswer(deps));
  app.action<BlockButtonAction>(ACTION_IDS.showPassage, showPassage(deps));
  app.action<BlockButtonAction>(ACTION_IDS.helpful, recordFeedback(deps, true));
  app.action<BlockButtonAction>(ACTION_IDS.notHelpful, recordFeedback(deps, false));
}
