import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

const glossary = `synonyms:
  - [police, police unit]
subject:
  home: [MINUSMA]
  missions:
    - names: [MINUSMA]
      country: Mali
  countries:
    - [Mali, Malian]
    - [Senegal, Senegalese]
`;

describe("a question naming another country", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "glossary.yml": glossary,
      "2021-06-01-letter.md": doc(
        { title: "Letter on operations", source: "UN", date: "2021-06-01" },
        "The rest of the formed police unit for Mopti is still stuck in Dakar owing to a customs dispute over its equipment.",
      ),
      "2023-03-30-report.md": doc(
        { title: "Report", source: "UN", date: "2023-03-30" },
        "Three peacekeepers from Senegal were killed when their convoy hit an explosive device.",
      ),
    }),
  );

  it("is answered by a home sentence naming that country's capital", () => {
    const answer = answerQuestion(kb, "why is the rest of the Mopti police unit stuck in Senegal");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("stuck in Dakar");
  });
});
