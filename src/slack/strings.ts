/**
 * Every sentence the bot says in Slack, in one place, so tests assert them and a wording change is one edit.
 * Texts are mrkdwn unless their name says otherwise; none carries anything from a user or a document.
 */

export const COMMAND = "/minusma";

export const APOLOGY_TEXT =
  "Sorry, something went wrong while I was answering. Please try again in a moment; if it keeps happening, tell whoever runs minusma.";
/** The reply to a question the bot could not answer within about 10 s because too many were asked at once. */
export const BUSY_TEXT =
  "I'm answering a lot of questions right now and couldn't get to yours in time. Please try again in a minute.";
/** A second click on "Share in channel" (or a click on another copy of the same answer). */
export const ALREADY_SHARED_TEXT = "This answer is already shared in the channel.";

export const EXPIRED_BUTTON_TEXT =
  "That button no longer works (it comes from an older version of the bot). Ask the question again for a fresh answer.";
export const PASSAGE_GONE_TEXT =
  "That passage is no longer in the briefing documents (they were updated). Ask the question again for a fresh answer.";
export const FEEDBACK_THANKS_HELPFUL = "Thanks: noted as helpful.";
export const FEEDBACK_THANKS_NOT_HELPFUL =
  "Thanks: noted as not helpful. The people who maintain the briefing documents review these.";
export const SHARED_NOTE = "Shared in the channel.";
/** The reply to a question asked faster than QUESTIONS_PER_MINUTE allows: privately, with how long to wait. */
export function slowDownText(perMinute: number, retryInSeconds: number): string {
  const wait = retryInSeconds === 1 ? "a second" : `${retryInSeconds} seconds`;
  return (
    `You're asking faster than I can keep up: I answer up to ${perMinute} questions a minute from each ` +
    `person. Please wait ${wait}, then ask again.`
  );
}
export const CUT_NOTE = "(cut here: the rest is longer than Slack allows in one message)";
export const MORE_BLOCKS_NOTE = "(more than Slack can show in one message: the rest is left out)";

export const BUTTON_SHOW_PASSAGE = "Show passage";
export const BUTTON_SHARE = "Share in channel";
export const BUTTON_HELPFUL = "Helpful";
export const BUTTON_NOT_HELPFUL = "Not helpful";

export const YOU_ASKED_LABEL = "You asked:";
export const AS_OF_LABEL = "As of";
export const CLOSEST_TOPICS_LABEL = "Closest topics in the documents:";
export const SUGGESTIONS_LABEL = "Questions that work:";

export const HELP_INTRO =
  "*minusma* answers questions about MINUSMA from the team's briefing documents, quoting them with numbered sources.";
export const HELP_ELSEWHERE =
  "You can also mention *@minusma* with a question in a channel it is in, or send it a direct message. It answers in the thread; reply in that thread to ask a follow-up, no need to mention it again.";
export const HELP_TRY_LABEL = "Try:";
export const QUESTION_USAGE = "answer a question, privately, with a button to share the answer";

export const SOURCES_TITLE = "*The documents I answer from*, newest first:";
export const SOURCES_EMPTY = "I have no briefing documents loaded, so I cannot answer anything yet.";

/** The emoji reaction shown on a question while it is being answered. */
export const WORKING_REACTION = "hourglass_flowing_sand";
