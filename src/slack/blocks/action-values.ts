import { z } from "zod";
import { MAX_QUESTION_CHARS } from "../../core/answer/answer.ts";

/** The action ids of the bot's buttons; the listeners in src/slack/listeners/actions match on them. */
export const ACTION_IDS = {
  share: "minusma_share",
  showPassage: "minusma_show_passage",
  helpful: "minusma_feedback_helpful",
  notHelpful: "minusma_feedback_not_helpful",
} as const;

/** Slack's limit on a button's value. */
export const MAX_BUTTON_VALUE = 2_000;

// Each value says everything its click needs, so a click works after a restart and across processes; short
// keys because the question has to fit in Slack's 2,000 characters alongside them.
const shareSchema = z.object({ q: z.string() });
const passageSchema = z.object({ p: z.string(), n: z.number().int().min(1) });
const feedbackSchema = z.object({ q: z.string(), d: z.array(z.string()), f: z.boolean() });

export type ShareValue = z.infer<typeof shareSchema>;
export type PassageValue = z.infer<typeof passageSchema>;
export type FeedbackValue = z.infer<typeof feedbackSchema>;

/** Encodes a button value, shortening the question (key `q`) until it fits Slack's limit. */
export function encodeValue(value: ShareValue | PassageValue | FeedbackValue): string {
  let encoded = JSON.stringify(value);
  if (!("q" in value)) return encoded;
  let question = value.q.slice(0, MAX_QUESTION_CHARS);
  encoded = JSON.stringify({ ...value, q: question });
  while (encoded.length > MAX_BUTTON_VALUE && question.length > 0) {
    question = question.slice(0, Math.floor(question.length * 0.8));
    encoded = JSON.stringify({ ...value, q: question });
  }
  return encoded;
}

function decoder<T>(schema: z.ZodType<T>) {
  return (value: string | undefined): T | null => {
    try {
      const result = schema.safeParse(JSON.parse(value ?? ""));
      return result.success ? result.data : null;
    } catch {
      return null;
    }
  };
}

/** Each returns null for a value this version of the bot did not write. */
export const decodeShareValue = decoder(shareSchema);
export const decodePassageValue = decoder(passageSchema);
export const decodeFeedbackValue = decoder(feedbackSchema);
