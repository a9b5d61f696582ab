import { describe, expect, it } from "vitest";
import {
  agreeing,
  personGender,
  pronounGender,
  spokenOfFirst,
} from "../../../src/core/conversation/referent.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";
import { askThread } from "../../helpers/thread.ts";

describe("the one a sentence speaks of", () => {
  it("puts the one who announced or said it after the one it is about", () => {
    const sentence =
      "Secretary-General António Guterres today announced the appointment of Jan Holm of Sweden as Force Commander.";
    expect(spokenOfFirst(sentence, ["Secretary-General António Guterres", "Jan Holm"])).toEqual([
      "Jan Holm",
      "Secretary-General António Guterres",
    ]);
    expect(spokenOfFirst("Keita, 75, said he would resign.", ["Keita"])).toEqual(["Keita"]);
  });
});

describe("the gender the documents give a person", () => {
  it("reads a title before the last name first", () => {
    const texts = [
      "The Secretary-General announced the appointment of Awa Traoré as his Deputy.",
      "Ms. Traoré succeeds Piet de Vries, who completed his assignment.",
    ];
    expect(personGender("Awa Traoré", texts)).toBe("she");
    expect(personGender("Piet de Vries", ["Mr. de Vries thanked the staff."])).toBe("he");
    expect(personGender("Piet de Vries", ["Mr. Piet de Vries thanked the staff."])).toBe("he");
  });

  it("reads the pronoun after the name when no title says it, and nothing when neither does", () => {
    expect(personGender("Amadou Keita", ["Keita, 75, said he would resign."])).toBe("he");
    expect(personGender("Fatou Diallo", ["Diallo arrived on Monday. She met the governor."])).toBe("she");
    expect(personGender("Fatou Diallo", ["Diallo arrived on Monday."])).toBeNull();
  });

  it("keeps those who agree with the pronoun first, those it cannot tell next, the others out", () => {
    const genders: Record<string, "he" | "she" | null> = { Guterres: "he", Traoré: "she", Côte: null };
    const of = (person: string) => genders[person] ?? null;
    expect(agreeing(["Guterres", "Traoré", "Côte"], "she", of)).toEqual(["Traoré", "Côte"]);
    expect(agreeing(["Guterres", "Traoré", "Côte"], "he", of)).toEqual(["Guterres", "Côte"]);
    expect(pronounGender("her")).toBe("she");
    expect(pronounGender("they")).toBeNull();
  });
});

// An appointment note naming the announcer first; the appointee's studies and earlier post told further down
// with "she" and no name; another note about a man's appointment with his own studies.
const files = {
  "2019-04-12-deputy.md": doc(
    {
      title: "Secretary-General appoints Awa Traoré Deputy Special Representative",
      source: "UN",
      date: "2019-04-12",
    },
    "United Nations Secretary-General António Guterres today announced the appointment of Awa Traoré of Senegal as his Deputy Special Representative for the Mission.\n\n" +
      "Ms. Traoré succeeds Piet de Vries of the Netherlands, who completed his assignment in February. The Secretary-General is grateful for Mr. de Vries's service.\n\n" +
      "Prior to this appointment, she was Director of the West Africa Division in the Department of Political Affairs, a post she held since 2015.\n\n" +
      "She holds a doctorate in public law from the Université Cheikh Anta Diop in Dakar.",
  ),
  "2020-06-01-commander.md": doc(
    { title: "Secretary-General appoints Force Commander", source: "UN", date: "2020-06-01" },
    "United Nations Secretary-General António Guterres today announced the appointment of Lieutenant General Jan Holm of Sweden as Force Commander of the Mission.\n\n" +
      "Lieutenant General Holm graduated from the Swedish Defence University and the Royal Military Academy.",
  ),
};

describe("a pronoun that agrees with the person's gender", async () => {
  const kb = await openKnowledgeBase(await knowledgeFolder(files));

  it("reads 'she' as the appointee, not the announcer the answer names first", () => {
    const [first, studies, before] = askThread(kb, [
      "deputy special representative appointment",
      "where was she educated?",
      "what was her previous post?",
    ]);
    expect(first!.text).toContain("appointment of Awa Traoré");
    // Her studies and earlier post are told further down the note, with "she" and not her name.
    expect(studies!.text).toContain("doctorate in public law");
    expect(before!.text).toContain("Director of the West Africa Division");
  });

  it("reads 'he' as the one appointed, not the one who announced it", () => {
    const [, studies] = askThread(kb, ["force commander appointment", "where did he study?"]);
    expect(studies!.text).toContain("Swedish Defence University");
    expect(studies!.text).not.toContain("Cheikh Anta Diop");
  });
});
