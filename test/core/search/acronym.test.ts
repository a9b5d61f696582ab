import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { questionAcronyms, spellsOut } from "../../../src/core/search/acronym.ts";
import { parseQuery } from "../../../src/core/search/query.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

describe("questionAcronyms", () => {
  it("reads the words a question writes in capitals, a plural 's' aside", () => {
    expect([...questionAcronyms("AU force in CAR before MINUSCA")]).toEqual(["au", "car", "minusca"]);
    expect([...questionAcronyms("how many IEDs in 2016")]).toEqual(["ied"]);
    expect([...questionAcronyms("troop ceiling")]).toEqual([]);
  });
});

describe("spellsOut", () => {
  it("finds a run of capitalised words whose initials are the acronym's letters", () => {
    expect(spellsOut("taking over from an African Union force", "au")).toBe(true);
    expect(spellsOut("the United Nations mission", "un")).toBe(true);
    expect(spellsOut("in the Central African Republic", "car")).toBe(true);
  });

  it("takes three letters or more in any order, as an acronym of another language keeps its own", () => {
    expect(spellsOut("the National Committee for the Salvation of the People", "cnsp")).toBe(true);
  });

  it("does not take lower-case words, two letters out of order, or a longer run's first words", () => {
    expect(spellsOut("armoured units", "au")).toBe(false);
    expect(spellsOut("the Union of African states", "au")).toBe(false);
  });
});

describe("an acronym in a question", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2021-03-12-car.md": doc(
        { title: "More peacekeepers for the Central African mission", source: "Reuters", date: "2021-03-12" },
        "The mission was established in 2014, taking over from an African Union force amid fighting between rebels and militias.",
      ),
      "2022-01-01-summit.md": doc(
        { title: "Summit", source: "AFP", date: "2022-01-01" },
        "The AU summit met in Addis Ababa and discussed trade.",
      ),
    }),
  );

  it("is marked on its concept", () => {
    const query = parseQuery("AU force", kb.index.vocabulary, kb.glossary);
    expect(query.concepts.find((c) => c.text === "au")?.acronym).toBe("au");
  });

  // An acronym no document uses is a name the question alone knows (query.ts): it is met only when the documents
  // use it somewhere, as here in the summit story.
  it("is met by the name it stands for", () => {
    const answer = answerQuestion(kb, "AU force");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("African Union force");
  });
});
