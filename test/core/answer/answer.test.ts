import { describe, expect, it } from "vitest";
import { answerQuestion, MAX_QUESTION_CHARS } from "../../../src/core/answer/answer.ts";
import { answerAsText, citationText, formatDocDate } from "../../../src/core/answer/format.ts";
import {
  EMPTY_QUESTION_TEXT,
  GREETING_TEXT,
  NOT_FOUND_TEXT,
  THANKS_TEXT,
} from "../../../src/core/answer/types.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { askThread } from "../../helpers/thread.ts";

const kb = await openKnowledgeBase("knowledge");
const AFP_2019 = "2019-06-01-guterres-warns-of-atrocity-risk-in-mali";
const LETTER = "2021-06-01-s-2021-520-letter-on-minusma-operations";

const thread = (...questions: string[]) => askThread(kb, questions);

describe("answerQuestion", () => {
  it("answers a keyword query with the document's own sentence, the figure and a citation", () => {
    const answer = answerQuestion(kb, "troop ceiling");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("troop ceiling of 13,289");
    expect(answer.text).toMatch(/\[1\]$/u);
    expect(answer.citations).toHaveLength(1);
    expect(answer.citations[0]).toMatchObject({ n: 1, passageId: `${AFP_2019}#3` });
    expect(answer.citations[0]?.doc).toMatchObject({ id: AFP_2019, approximateDate: true, url: null });
    expect(answer.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it("ranks the sentence with the number killed first for a full question", () => {
    const answer = answerQuestion(kb, "How many peacekeepers have been killed?");
    expect(answer.text).toContain("125 peacekeepers killed");
    expect(answer.asOf).toEqual({ date: "2019-06-01", approximate: true });
  });

  it("answers a date question with a sentence that holds the date", () => {
    expect(answerQuestion(kb, "When is the council vote on renewing the mandate?").text).toContain("June 27");
  });

  it("keeps to one to three sentences", () => {
    for (const question of ["operation seka", "wagner", "undeclared caveats", "IED"]) {
      const answer = answerQuestion(kb, question);
      const sentences = answer.text.replace(/\s\[\d\]/gu, "").split(/(?<=[.!?]["”]?)\s+(?=[A-Z"“])/u);
      expect(sentences.length, question).toBeLessThanOrEqual(3);
    }
  });

  it("says plainly when the documents do not answer, with topics and questions that work", () => {
    for (const question of [
      "Who won the world cup?",
      "What is the troop ceiling of UNIFIL in Lebanon?",
      "asdf",
    ]) {
      const answer = answerQuestion(kb, question);
      expect(answer.found, question).toBe(false);
      expect(answer.text).toBe(NOT_FOUND_TEXT);
      expect(answer.citations).toEqual([]);
      expect(answer.suggestions).toHaveLength(2);
    }
  });

  it("does not name a person the documents never name", () => {
    expect(answerQuestion(kb, "Who is the Force Commander of MINUSMA?").found).toBe(false);
  });

  it("answers an empty question with how to ask, and survives a huge one", () => {
    const empty = answerQuestion(kb, "   ");
    expect(empty).toMatchObject({ found: false, text: EMPTY_QUESTION_TEXT });
    const huge = answerQuestion(kb, `troop ceiling ${"x".repeat(40_000)}`);
    expect(huge.question.length).toBe(40_014);
    expect(MAX_QUESTION_CHARS).toBeLessThan(1000);
  });

  it("answers a greeting or thanks like a colleague, not with 'not found'", () => {
    expect(answerQuestion(kb, "Hi!")).toMatchObject({ found: false, text: GREETING_TEXT });
    expect(answerQuestion(kb, "thanks a lot")).toMatchObject({ found: false, text: THANKS_TEXT });
    expect(answerQuestion(kb, "hi, what is the troop ceiling?").found).toBe(true);
  });

  it("gives a count that stands next to what was asked, and the role's holder for 'who is'", () => {
    expect(answerQuestion(kb, "how many IEDs were used against MINUSMA?").text).toContain(
      "including 25 against MINUSMA",
    );
    expect(answerQuestion(kb, "who is the secretary-general").text).toContain("Antonio Guterres");
    expect(
      answerQuestion(kb, "Who is the Special Representative of the Secretary-General for Mali?").found,
    ).toBe(false);
  });

  it("counts a year a sentence names above the year of its document", () => {
    expect(answerQuestion(kb, "casualties 2021").text).toContain("34 per cent decrease in 2021");
  });

  it("never throws on markup, emoji, control characters or regular-expression metacharacters", () => {
    for (const question of [
      "<!channel> troop ceiling",
      "🙂🙂",
      "\u0000\u0007 ceiling",
      ".*+?^$\u007B}()|[]\\",
      "‏مرحبا",
    ]) {
      expect(() => answerQuestion(kb, question)).not.toThrow();
    }
  });
});

describe("follow-ups", () => {
  it("reads 'and for police?' in the light of the troop ceiling", () => {
    const [, police] = thread("troop ceiling", "and for police?");
    expect(police?.found).toBe(true);
    expect(police?.text).toContain("1,920 police");
    // Police take the place of the troops the ceiling counted (swap.ts): the thread is on the police ceiling now.
    expect(police?.turn.focus).toEqual(expect.arrayContaining(["police", "ceiling"]));
    expect(police?.turn.focus).not.toContain("troop");
  });

  it("answers 'when did it happen?' with the date of the massacre", () => {
    const [, when] = thread("Ogossagou massacre", "when did it happen?");
    expect(when?.text).toContain("March 23");
  });

  it("answers 'how long was the patrol?' after Operation Meerkat", () => {
    const [, long] = thread("Operation Meerkat", "how long was the patrol?");
    expect(long?.text).toContain("20-day patrol");
    expect(long?.citations[0]?.doc.id).toBe(LETTER);
  });

  it("takes a complete new question as a new subject", () => {
    const [, wagner] = thread("troop ceiling", "Who is believed to be behind the 'bilateral partners'?");
    expect(wagner?.text).toContain("Wagner Group");
  });
});

describe("format", () => {
  it("writes dates short, marking approximate ones", () => {
    expect(formatDocDate("2019-06-01", true)).toBe("c. 1 Jun 2019");
    expect(formatDocDate("2021-06-01", false)).toBe("1 Jun 2021");
  });

  it("renders an answer for a terminal with its numbered sources", () => {
    const text = answerAsText(answerQuestion(kb, "troop ceiling"));
    expect(text.split("\n")).toEqual([
      expect.stringContaining("13,289"),
      "(as of c. 1 Jun 2019)",
      `[1] AFP (via UPI), "Guterres warns of high risk of atrocities in Mali, urges no MINUSMA drawdown", c. 1 Jun 2019`,
    ]);
    const letter = kb.index.documents.find((doc) => doc.id === LETTER)!;
    expect(citationText(letter)).toMatch(/, 1 Jun 2021, https:\/\/undocs\.org\/en\/S\/2021\/520$/u);
  });

  it("renders not found with the closest topics and example questions", () => {
    const text = answerAsText(answerQuestion(kb, "What is MINUSMA's annual budget?"));
    expect(text).toContain(NOT_FOUND_TEXT);
    expect(text).toContain("Questions that work:");
  });
});
