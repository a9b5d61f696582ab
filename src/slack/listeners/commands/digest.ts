import { isDay, localDay } from "../../../core/digest/day.ts";
import { previewDigest } from "../../../digest/poster.ts";
import { digestMessage } from "../../blocks/digest.ts";
import type { Subcommand } from "./subcommands.ts";

export const DIGEST_DATE_USAGE =
  "To preview a digest, type `/minusma digest` for today's, or `/minusma digest 2024-06-03` for a given day.";

/**
 * `/minusma digest [YYYY-MM-DD]`: today's digest (in DIGEST_TZ), or that day's, shown privately to the person
 * who asked. It is built exactly as the posted one would be, and nothing is posted or recorded.
 */
export function digestSubcommand(settings: { timeZone: string }): Subcommand {
  return {
    name: "digest",
    args: "digest [YYYY-MM-DD]",
    description: "a private preview of today's digest (or a given day's); nothing is posted",
    takesArguments: true,
    async run({ args, respond, deps }) {
      const asked = args.trim();
      if (asked !== "" && !isDay(asked)) {
        await respond({ response_type: "ephemeral", text: DIGEST_DATE_USAGE });
        return;
      }
      const now = deps.now();
      const day = asked === "" ? localDay(now, settings.timeZone) : asked;
      const digest = await previewDigest(deps.state, deps.getKnowledgeBase(), day);
      await respond({ response_type: "ephemeral", ...digestMessage(digest, { preview: true }) });
    },
  };
}
