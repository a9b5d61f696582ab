import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import type { Explanation } from "../../../src/core/answer/explain.ts";
import type { Turn } from "../../../src/core/answer/types.ts";
import {
  aboutPerson,
  biographyAsk,
  namesPerson,
  replacedIn,
  tellsBiography,
} from "../../../src/core/conversation/biography.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";
import { askThread } from "../../helpers/thread.ts";

describe("what a biography follow-up asks", () => {
  it("reads the predecessor, an earlier post and studies from the question's words", () => {
    expect(biographyAsk("who did he replace?")).toBe("predecessor");
    expect(biographyAsk("who did she succeed?")).toBe("predecessor");
    expect(biographyAsk("who was his predecessor?")).toBe("predecessor");
    expect(biographyAsk("what job did he have before?")).toBe("earlier");
    expect(biographyAsk("what was her previous post?")).toBe("earlier");
    expect(biographyAsk("where did he study?")).toBe("education");
    expect(biographyAsk("what is his background?")).toBe("background");
  });

  it("tells the successor from the predecessor by who stands after the verb", () => {
    expect(biographyAsk("who replaced him?")).toBe("successor");
    expect(biographyAsk("who took over from her?")).toBe("successor");
    expect(biographyAsk("who was his successor?")).toBe("successor");
    expect(biographyAsk("who did he take over from?")).toBe("predecessor");
    expect(replacedIn("Mr. Wane succeeds Mahamat Saleh Annadif of Chad.", "Mahamat Saleh Annadif")).toBe(
      true,
    );
    expect(replacedIn("Mr. Wane succeeds Mahamat Saleh Annadif of Chad.", "El-Ghassim Wane")).toBe(false);
  });

  it("asks nothing of the kind for other follow-ups", () => {
    expect(biographyAsk("when did he take power?")).toBeNull();
    expect(biographyAsk("who took over the camp?")).toBeNull();
    expect(biographyAsk("how many were injured?")).toBeNull();
  });
});

describe("sentences that tell a biography", () => {
  it("knows a predecessor however it is told", () => {
    for (const sentence of [
      "Mr. Diallo succeeds Anna Berg of Norway.",
      "He takes over from interim president Dioncounda Traore.",
      "She replaces General Kazura, who completed his assignment in May.",
      "The appointment follows the departure of Jean Dupont.",
      // the one leaving the post, told after "a day after dismissing his predecessor"
      "Amadou Sy, who had led the government since 2022, was dismissed by decree on Monday.",
      "Ms. Berg resigned in March after two years in the post.",
    ]) {
      expect(tellsBiography("predecessor", sentence)).toBe(true);
    }
    expect(tellsBiography("predecessor", "He was sworn in on Wednesday.")).toBe(false);
  });

  it("knows an earlier post and studies apart", () => {
    expect(tellsBiography("earlier", "Most recently, she was Director of Political Affairs.")).toBe(true);
    expect(tellsBiography("earlier", "Prior to this appointment, he served as Chief of Staff.")).toBe(true);
    expect(tellsBiography("education", "He graduated from the Royal Military Academy.")).toBe(true);
    expect(tellsBiography("education", "She holds a law degree from the University of Dakar.")).toBe(true);
    expect(tellsBiography("education", "Most recently, she was Director of Political Affairs.")).toBe(false);
    expect(tellsBiography("background", "He graduated from the Royal Military Academy.")).toBe(true);
    expect(tellsBiography("earlier", "Ndaw, 70, a former defence minister, took the oath.")).toBe(true);
  });

  it("tells a namesake from the person, and the newcomer of their own note from another", () => {
    expect(
      namesPerson("Moussa Sidi Traore, who had led the government, was dismissed.", "Oumar Traore"),
    ).toBe(false);
    expect(namesPerson("Prime Minister Traore spoke.", "General Oumar Traore")).toBe(true);
    expect(namesPerson("Oumar Traore replaced Moussa Traore.", "Oumar Traore")).toBe(true);
    expect(namesPerson("Traore, 52, was sworn in.", "Oumar Traore")).toBe(true);
    expect(namesPerson("The Traoreville road was cut.", "Oumar Traore")).toBe(false);
    const sentence = "The new premier, a former army spokesman, had been minister of defence until 2022.";
    expect(aboutPerson(sentence, sentence, "Oumar Traore", true)).toBe(true);
    expect(aboutPerson(sentence, sentence, "Oumar Traore", false)).toBe(false);
    expect(tellsBiography("earlier", sentence)).toBe(true);
    expect(tellsBiography("earlier", "The convoy had been attacked twice.")).toBe(false);
  });

  it("keeps to the person: another's post in the same note is not theirs", () => {
    const passage = "Mr. Diallo holds a degree in law. The Secretary-General thanks Ms. Berg.";
    expect(aboutPerson("Mr. Diallo holds a degree in law.", passage, "Amadou Diallo")).toBe(true);
    expect(aboutPerson("Most recently, he was Director.", passage, "Amadou Diallo")).toBe(true);
    expect(
      aboutPerson(
        "The Secretary-General thanks Ms. Berg, who has served as Officer-in-Charge.",
        passage,
        "Amadou Diallo",
      ),
    ).toBe(false);
  });
});

// An appointment note tells the predecessor, the earlier posts and the studies several sentences after the
// name, in words the questions do not use; a later report names the person in passing.
const files = {
  "2022-05-02-appointment.md": doc(
    {
      title: "Secretary-General appoints Amadou Diallo of Senegal Force Commander",
      source: "UN",
      date: "2022-05-02",
    },
    "The Secretary-General today announced the appointment of Lieutenant General Amadou Diallo of Senegal as Force Commander of the stabilization mission.\n\n" +
      "General Diallo takes over from Lieutenant General Anna Berg of Norway, who completed her assignment in April. The Secretary-General is grateful for her leadership.\n\n" +
      "Prior to this appointment, General Diallo served as Chief of Defence Staff of the Senegalese Armed Forces. He has 30 years of military experience.\n\n" +
      "General Diallo graduated from the Saint-Cyr military academy and holds a master's degree in strategic studies from the University of Dakar.\n\n" +
      "The Secretary-General also thanks Colonel Paul Ode, who has served as acting Force Commander since April.",
  ),
  "2022-12-20-report.md": doc(
    {
      title: "Report of the Secretary-General on the stabilization mission",
      source: "UN",
      date: "2022-12-20",
    },
    "The Force Commander, Lieutenant General Amadou Diallo, visited the northern camps in November to review security arrangements.\n\nThe mission recorded 40 attacks against its personnel.",
  ),
};

describe("biography follow-ups after a person answer", async () => {
  const kb = await openKnowledgeBase(await knowledgeFolder(files));

  it("answers who he replaced, where he studied and his earlier post from the note that announced him", () => {
    const [first, replaced, studied, before] = askThread(kb, [
      "Amadou Diallo appointment",
      "who did he replace?",
      "where did he study?",
      "what job did he have before?",
    ]);
    expect(first!.citations[0]?.doc.id).toBe("2022-05-02-appointment");
    expect(replaced!.text).toContain("takes over from Lieutenant General Anna Berg");
    expect(studied!.text).toContain("graduated from the Saint-Cyr military academy");
    expect(before!.text).toContain("served as Chief of Defence Staff");
    // Not the acting commander's post, told in the same note.
    expect(before!.text).not.toContain("Paul Ode");
  });

  it("answers who he replaced after a turn about something else of his", () => {
    const [, , predecessor] = askThread(kb, [
      "Amadou Diallo appointment",
      "where did he study?",
      "who did he replace?",
    ]);
    expect(predecessor!.text).toContain("takes over from Lieutenant General Anna Berg");
  });

  it("finds the appointment note when the thread cited a later report", () => {
    const [, background] = askThread(kb, [
      "Who visited the northern camps in November?",
      "what is his background?",
    ]);
    expect(background!.found).toBe(true);
    expect(background!.citations[0]?.doc.id).toBe("2022-05-02-appointment");
  });

  it("explains how the follow-up was read", () => {
    const history: Turn[] = [answerQuestion(kb, "Amadou Diallo appointment").turn];
    const explanation: Explanation = {};
    answerQuestion(kb, "where did he study?", history, explanation);
    expect(explanation.reading?.biography).toBe("education");
    expect(explanation.decision).toContain("education");
  });
});

describe("a biography the documents do not tell", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2021-10-01-command.md": doc(
        { title: "New Force Commander takes command", source: "UN", date: "2021-10-01" },
        "Lieutenant General Pieter Claes of Belgium assumed command of the force on 1 October, succeeding Lieutenant General Erik Lind of Sweden.\n\n" +
          "The Force Commander visited the camp in Gao on his first day.",
      ),
    }),
  );

  it("is not found rather than answered by a sentence that tells no such thing", () => {
    const [first, studies] = askThread(kb, [
      "who took command of the force in October?",
      "where did he study?",
    ]);
    expect(first!.text).toContain("Pieter Claes");
    expect(studies!.found).toBe(false);
  });
});
