import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { asksForNames, namesIn, namesNone } from "../../../src/core/answer/names.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

describe("asksForNames", () => {
  it("reads questions asking for names", () => {
    expect(asksForNames("What were the names of the hostages?")).toBe(true);
    expect(asksForNames("Name the soldiers who were kidnapped")).toBe(true);
    expect(asksForNames("who were the gunmen")).toBe(true);
  });

  it("leaves other questions alone", () => {
    expect(asksForNames("What is the name of the operation?")).toBe(false);
    expect(asksForNames("Who was the first Force Commander?")).toBe(false);
    expect(asksForNames("How many hostages were freed?")).toBe(false);
    expect(asksForNames("Which town did the convoy name as its base?")).toBe(false);
  });
});

describe("namesIn", () => {
  const q = "What were the names of the hostages taken in Tarzou?";

  it("finds the persons and groups a sentence names", () => {
    expect(namesIn("The hostages, Ana Ruiz and Tomas Berg, were freed on Monday.", q)).toEqual([
      "Ana Ruiz",
      "Tomas Berg",
    ]);
    expect(namesIn("The kidnapping was claimed by the Sahel Liberation Front.", q)).toEqual([
      "Sahel Liberation Front",
    ]);
  });

  it("finds none in a sentence that only describes them", () => {
    expect(namesIn("The gunmen who stormed the camp near Tarzou took two Swedish engineers.", q)).toEqual([]);
    expect(namesIn("Two engineers were seized in the Tarzou region, officials said.", q)).toEqual([]);
    expect(namesIn("Patrols left bases in Tarzou, Menkal and Ibor on Friday.", q)).toEqual([]);
  });

  it("leaves out the subjects the knowledge base is about", () => {
    expect(namesIn("ZUMA peacekeepers freed the engineers.", q, (run) => run === "ZUMA")).toEqual([]);
  });
});

describe("namesNone", () => {
  it("says a sentence naming nobody does not restate a names answer, for a names question only", () => {
    const q = "Who were the kidnappers of the engineers?";
    expect(namesNone("The engineers were freed after talks with their kidnappers.", q)).toBe(true);
    expect(namesNone("The kidnappers, led by Hamid Ousmane, freed the engineers.", q)).toBe(false);
    expect(namesNone("The engineers were freed.", "When were the engineers freed?")).toBe(false);
  });
});

const described = {
  "2019-04-02-kidnap.md": doc(
    { title: "Engineers kidnapped near Tarzou", source: "Wire", date: "2019-04-02" },
    "Gunmen on motorbikes kidnapped two Swedish engineers near Tarzou on Monday, officials said. " +
      "The hostages were working on a water project for the regional council.",
  ),
};
const named = {
  ...described,
  "2019-06-20-freed.md": doc(
    { title: "Engineers kidnapped near Tarzou are freed", source: "Wire", date: "2019-06-20" },
    "The two hostages kidnapped near Tarzou in April, Ana Ruiz and Tomas Berg, were freed on Wednesday after talks led by local elders.",
  ),
};

describe("a question asking for names", () => {
  it("is refused when the documents only describe those asked about", async () => {
    const kb = await openKnowledgeBase(await knowledgeFolder(described));
    const answer = answerQuestion(kb, "What were the names of the hostages kidnapped near Tarzou?");
    expect(answer.found).toBe(false);
  });

  it("is answered by the sentence naming them", async () => {
    const kb = await openKnowledgeBase(await knowledgeFolder(named));
    const answer = answerQuestion(kb, "What were the names of the hostages kidnapped near Tarzou?");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("Ana Ruiz and Tomas Berg");
  });
});
