/**
 * Escapes text for Slack's mrkdwn. `&`, `<` and `>` are the only characters Slack asks to escape, and the ones
 * that matter: they are what make `<!channel>`, `<@U123>` or `<https://evil|a harmless label>` live markup.
 * Everything taken from a document or a user goes through this before it is put in a message.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");
}

/** A link whose label is shown, safe whatever the label and the URL contain. */
export function mrkdwnLink(url: string, label: string): string {
  // `|` ends the URL part of a link, so it is percent-encoded in the URL; the label only needs escaping.
  return `<${escapeMrkdwn(url).replace(/\|/gu, "%7C")}|${escapeMrkdwn(label)}>`;
}

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/gu;

/**
 * Turns the text of a Slack message or command into the plain question a person typed: the bot's own mention
 * removed, other mentions and links reduced to what Slack shows for them, `&amp;`-style entities decoded.
 */
export function slackTextToPlain(text: string, botUserId?: string): string {
  const plain = text
    .replace(/<([^<>]*)>/gu, (_markup, inner: string) => {
      const [target = "", label] = splitLabel(inner);
      if (target.startsWith("@")) {
        const id = target.slice(1);
        if (botUserId && id === botUserId) return " ";
        return label ? `@${label.replace(/^@/u, "")}` : `@${id}`;
      }
      if (target.startsWith("#")) return label ? `#${label}` : target;
      if (target.startsWith("!")) {
        if (label) return label;
        const special = target.slice(1).split("^")[0] ?? "";
        return `@${special}`;
      }
      return label ?? target;
    })
    .replace(/&lt;/gu, "<")
    .replace(/&gt;/gu, ">")
    .replace(/&amp;/gu, "&")
    // Invisible characters pasted from web pages would split "tr\u200Boop" into two words nobody typed;
    // control characters are not text at all.
    .replace(INVISIBLE, "")
    .replace(CONTROL, " ");
  return plain.replace(/\s+/gu, " ").trim();
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf("|");
  return bar === -1 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

/**
 * Cuts mrkdwn that was already escaped to at most `max` characters, between words where it can and never
 * inside an `&amp;`-style entity, and ends it with `note` so the reader sees it was cut.
 */
export function cutMrkdwn(text: string, max: number, note: string): string {
  if (text.length <= max) return text;
  const room = max - note.length - 2;
  if (room <= 0) return note.slice(0, max);
  let cut = text.slice(0, room);
  const entity = cut.lastIndexOf("&");
  if (entity !== -1 && !cut.slice(entity).includes(";")) cut = cut.slice(0, entity);
  const space = cut.search(/\s\S*$/u);
  if (space > room * 0.8) cut = cut.slice(0, space);
  return `${cut.trimEnd()}… ${note}`;
}

/**
 * Splits escaped mrkdwn into pieces of at most `max` characters, between lines where possible, then between
 * words, never inside an entity.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let at = rest.lastIndexOf("\n", max);
    if (at < max * 0.5) at = rest.lastIndexOf(" ", max);
    if (at < max * 0.5) at = max;
    const entity = rest.lastIndexOf("&", at);
    if (entity > 0 && entity > at - 6 && !rest.slice(entity, at).includes(";")) at = entity;
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).replace(/^\s+/u, "");
  }
  if (rest.trim() !== "") pieces.push(rest);
  return pieces;
}
