import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import type { Turn } from "../../../src/core/answer/types.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";
import { askThread } from "../../helpers/thread.ts";

// Follow-ups answered from the thread's own document: its background, its dates, its later sentences.
const files = {
  "2013-09-04-sworn-in.md": doc(
    { title: "Keita sworn in as president", source: "Wire", date: "2013-09-04" },
    "Ibrahim Boubacar Keita was sworn in as president after winning the 2013 election with 77.6 percent of the vote. He replaces interim president Dioncounda Traore, who was appointed in April 2012 after a coup.",
  ),
  "2015-06-20-accord.md": doc(
    { title: "Rebels sign peace accord", source: "Wire", date: "2015-06-20" },
    "The rebel alliance signed the peace accord with the government in Bamako on Saturday. The government and the loyalist militias had signed the accord on May 15.",
  ),
  "2019-06-01-review.md": doc(
    { title: "Mission review", source: "Wire", date: "2019-06-01" },
    "A peace accord signed by the government and armed groups in June 2015 was aimed at restoring stability.",
  ),
  "2021-12-28-report.md": doc(
    { title: "Report on the situation", source: "UN", date: "2021-12-28" },
    "On 3 December, an attack by extremist elements on a bus travelling from Songho to Bandiagara killed at least 32 civilians.\n\nOn 8 December, the Mali army announced operations in Mopti.",
  ),
  "2013-04-25-established.md": doc(
    { title: "Council creates the mission", source: "UN", date: "2013-04-25" },
    "The Security Council today established the stabilization mission, which will take over on 1 July.\n\nUnanimously adopting resolution 2100 (2013), the Council decided that the stabilization mission would comprise up to 11,200 military personnel.",
  ),
  "2016-06-29-more-troops.md": doc(
    { title: "Council raises the ceiling", source: "UN", date: "2016-06-29" },
    "Unanimously adopting resolution 2295 (2016), the Council decided to increase the force levels of the stabilization mission, established in 2013, to 13,289 military personnel.",
  ),
  "2014-10-03-ambush.md": doc(
    { title: "Nine Niger peacekeepers killed", source: "Wire", date: "2014-10-03" },
    "Nine peacekeepers from Niger were killed when gunmen ambushed their convoy on Friday, the mission said. The convoy was travelling between Menaka and Ansongo, near the border with Niger, when it came under fire.\n\nNiger has about 850 troops in the force, most of them deployed around Menaka and Ansongo.",
  ),
};

describe("follow-ups answered in the thread's document", async () => {
  const kb = await openKnowledgeBase(await knowledgeFolder(files));

  it("does not set aside the thread document's background for the period the thread inherited", () => {
    const [first, replaced] = askThread(kb, ["Keita 2013 election", "who did he replace?"]);
    expect(first!.citations[0]?.doc.id).toBe("2013-09-04-sworn-in");
    // The sentence names April 2012, not 2013: the inherited "2013" must not reject it.
    expect(replaced!.found).toBe(true);
    expect(replaced!.text).toContain("Dioncounda Traore");
  });

  it("answers a date follow-up from the thread's document, not with a newer document's date", () => {
    const [, when] = askThread(kb, ["peace accord signed by the rebels", "when did the government sign?"]);
    expect(when!.text).toContain("May 15");
    expect(when!.citations.map((c) => c.doc.id)).toEqual(["2015-06-20-accord"]);
  });

  it("'where did it happen?' is the story's next sentence naming a new place, not the lead repeated", () => {
    const [first, where] = askThread(kb, ["Niger peacekeepers ambush", "where did it happen?"]);
    expect(first!.text).toContain("Nine peacekeepers from Niger");
    expect(where!.text).toContain("travelling between Menaka and Ansongo");
  });

  it("'who did it?' is answered by the doer the thread's sentence names by what it is", () => {
    const [, who] = askThread(kb, ["Songho bus attack", "who did it?"]);
    expect(who!.found).toBe(true);
    expect(who!.text).toContain("extremist elements");
  });

  it("'by which resolution?' names the thread's own resolution, not a later one's figure", () => {
    // The thread's first answer was the 2013 story's lead.
    const established: Turn = {
      question: "when was the stabilization mission established?",
      focus: ["stabilization", "mission", "established"],
      docs: ["2013-04-25-established"],
      found: true,
      passage: "2013-04-25-established#1",
      sentence: 0,
    };
    const which = answerQuestion(kb, "by which resolution?", [established]);
    expect(which.text).toContain("resolution 2100");
    expect(which.text).not.toContain("2295");
  });

  it("a question with a period of its own still sets aside sentences about another year", () => {
    const [, replaced] = askThread(kb, ["Keita 2013 election", "who was appointed in 2011?"]);
    expect(replaced!.text).not.toContain("April 2012");
  });
});

describe("a follow-up answered from the thread's document first", async () => {
  const releases = Object.fromEntries(
    Array.from({ length: 9 }, (_, i) => [
      `20${14 + i}-06-29-renewal.md`,
      doc(
        { title: `Council renews the mandate (${2014 + i})`, source: "UN", date: `20${14 + i}-06-29` },
        `After a vote on its renewal, the Security Council today extended the mandate of the mission until 30 June 20${15 + i}.`,
      ),
    ]),
  );
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      ...releases,
      "2019-06-01-story.md": doc(
        { title: "Guterres warns of atrocity risk", source: "Wire", date: "2019-06-01" },
        [
          "The council is set to vote on renewing the mission's mandate on June 27.",
          "",
          "Guterres said he was appalled by the upsurge in violence in the centre.",
          "",
          "The mission should be extended for a year with its troop ceiling unchanged, said the report.",
        ].join("\n"),
      ),
    }),
  );

  it("scores the thread document's own sentence though other documents outrank its passage", () => {
    const vote: Turn = {
      question: "When is the council vote on the mandate renewal?",
      focus: ["council", "vote", "mandate", "renewal"],
      docs: ["2019-06-01-story"],
      found: true,
      passage: "2019-06-01-story#1",
      sentence: 0,
    };
    const length = answerQuestion(kb, "for how long should it be extended?", [vote]);
    expect(length.text).toContain("extended for a year");
  });
});

describe("a pronoun read as its referent's name", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2013-09-04-sworn-in.md": doc(
        { title: "Keita sworn in", source: "Wire", date: "2013-09-04" },
        "Ibrahim Boubacar Keita was sworn in as president of Mali on Wednesday. He takes over from interim president Dioncounda Traore, to whom the soldiers handed back power in 2012.",
      ),
      "2024-06-30-review.md": doc(
        { title: "A year after the mission left", source: "Wire", date: "2024-06-30" },
        "Mali, Burkina Faso and Niger are all run by military governments.\n\nAssimi Goïta, who seized power in coups in 2020 and 2021, has remained president of the transition.",
      ),
    }),
  );

  it("'when did he take power?' is about the person the thread named, not another's 'He takes over'", () => {
    const runs: Turn = {
      question: "who runs Mali now?",
      focus: ["runs", "mali"],
      docs: ["2024-06-30-review"],
      found: true,
      passage: "2024-06-30-review#1",
      sentence: 0,
      people: ["Assimi Goïta"],
    };
    const when = answerQuestion(kb, "when did he take power?", [runs]);
    expect(when.text).toContain("seized power in coups in 2020 and 2021");
  });
});
