import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { isEventKeyword, titleCoverage } from "../../../src/core/conversation/event.ts";
import { parseQuery } from "../../../src/core/search/query.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

// A bare event keyword asks what happened: the lead of the event's own story, not a later sentence of it that
// shares more words, nor a later document's recap of it.
const files = {
  "2021-02-10-base-attack.md": doc(
    {
      title: "One peacekeeper killed, 27 injured in attack on Kerena base",
      source: "News",
      date: "2021-02-10",
    },
    [
      "One peacekeeper was killed and 27 others injured on Wednesday when a temporary base of the mission came under attack in the centre of the country.",
      "The attack on the temporary operating base at Kerena, about 20 kilometres from Douentza, began at dawn.",
      "",
      "The base at Kerena was set up in January to protect civilians on the Douentza road.",
    ].join("\n"),
  ),
  "2015-06-20-accord.md": doc(
    { title: "Rebels sign peace deal in Bamako", source: "Wire", date: "2015-06-20" },
    "The main rebel alliance signed a peace agreement with the government on Saturday, completing a deal brokered by Algeria.\n\nSidi Brahim Ould Sidati signed on behalf of the rebel alliance.",
  ),
  "2019-06-01-review.md": doc(
    { title: "Guterres warns of atrocity risk", source: "Wire", date: "2019-06-01" },
    "A peace agreement signed in 2015 by the government and armed groups was aimed at restoring stability.\n\nThe mandate vote is due on June 27.",
  ),
  "2021-06-01-letter.md": doc(
    { title: "Letter on operations", source: "UN", date: "2021-06-01" },
    "On 2 April, over 200 terrorists attacked the camp in Tessit, killing four peacekeepers.",
  ),
  "2019-01-21-tessit.md": doc(
    { title: "Peacekeepers killed in attack on Tessit camp", source: "News", date: "2019-01-21" },
    "Ten peacekeepers were killed on Sunday when assailants attacked the camp at Tessit.",
  ),
};

describe("a bare event keyword", async () => {
  const kb = await openKnowledgeBase(await knowledgeFolder(files));
  const parse = (text: string) => parseQuery(text, kb.index.vocabulary, kb.glossary);

  it("is a keyword of two known words or more, with no question word and no figure", () => {
    expect(isEventKeyword("Kerena attack", parse("Kerena attack"))).toBe(true);
    expect(isEventKeyword("where was the Kerena attack?", parse("where was the Kerena attack?"))).toBe(false);
    expect(isEventKeyword("attack", parse("attack"))).toBe(false);
    expect(isEventKeyword("resolution 2100 attack", parse("resolution 2100 attack"))).toBe(false);
  });

  it("a title holds a keyword's words, and a keyword's year is held by a document of that year", () => {
    const query = parse("2015 peace agreement signing");
    const own = query.concepts.filter((c) => c.known);
    const total = own.reduce((sum, c) => sum + c.specificity, 0);
    expect(titleCoverage("Rebels sign peace deal in Bamako", "2015-06-20", own) / total).toBeGreaterThan(0.5);
    expect(titleCoverage("Guterres warns of atrocity risk", "2019-06-01", own)).toBe(0);
  });

  it("is answered by the lead of its story rather than a later sentence sharing more of its words", () => {
    const answer = answerQuestion(kb, "Kerena attack");
    expect(answer.text).toContain("One peacekeeper was killed and 27 others injured");
  });

  it("is answered by the event's own story rather than a later document's recap of it", () => {
    const answer = answerQuestion(kb, "2015 peace agreement signing");
    expect(answer.citations[0]?.doc.id).toBe("2015-06-20-accord");
    expect(answer.text).toContain("signed a peace agreement with the government on Saturday");
  });

  it("keeps a later document's own event over an older story of the same kind", () => {
    // The 2021 letter tells of its own attack on 2 April, not the 2019 one.
    const answer = answerQuestion(kb, "Tessit attack terrorists");
    expect(answer.citations[0]?.doc.id).toBe("2021-06-01-letter");
  });

  it("does not change a question that asks something in particular", () => {
    const answer = answerQuestion(kb, "where is the Kerena base?");
    expect(answer.text).not.toContain("One peacekeeper was killed");
  });
});

describe("a bare event keyword naming a year", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2020-08-19-resigns.md": doc(
        {
          title: "President resigns after soldiers detain him in a coup",
          source: "Wire",
          date: "2020-08-19",
        },
        "The president announced his resignation on Wednesday, hours after soldiers staging a coup detained him at gunpoint. The army of Mali took control of the capital.\n\nA colonel presented himself as the leader of the coup committee.",
      ),
      "2023-06-16-recap.md": doc(
        { title: "Junta asks the mission to leave", source: "Wire", date: "2023-06-16" },
        "The junta has cut ties with France since the coups in 2020 and 2021 in Mali.",
      ),
      "2024-06-30-recap.md": doc(
        { title: "A year after the mission left", source: "Wire", date: "2024-06-30" },
        "Goita, who seized power in the coups in 2020 and 2021 in Mali, has remained president.",
      ),
    }),
  );

  it("is answered by the story dated in that year rather than later recaps naming the year", () => {
    const answer = answerQuestion(kb, "2020 coup in Mali");
    expect(answer.citations[0]?.doc.id).toBe("2020-08-19-resigns");
    expect(answer.text).toContain("soldiers staging a coup detained him");
  });
});
