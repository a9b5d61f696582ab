import { deserialize, serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import type { DocumentMeta, Passage } from "../../../src/core/knowledge/schema.ts";
import { readDefinitions } from "../../../src/core/search/defined-acronyms.ts";
import { buildGlossary } from "../../../src/core/search/glossary.ts";
import {
  buildPassageIndex,
  deserializePassageIndex,
  serializePassageIndex,
  updatePassageIndex,
} from "../../../src/core/search/passage-index.ts";
import { parseQuery } from "../../../src/core/search/query.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

// Invented sentences: none of these names exists.
const pairs = (text: string) => readDefinitions(text).map((d) => [d.acronym, d.name]);

describe("readDefinitions", () => {
  it("reads a name followed by its acronym in brackets", () => {
    expect(pairs("Fighters of the Front for the Renewal of Kelbara (FRK) took the ferry.")).toEqual([
      ["FRK", "Front for the Renewal of Kelbara"],
    ]);
  });

  it("reads an acronym followed by its name in brackets, in French too", () => {
    expect(pairs("The CSZ (Comité de suivi de Zandor) met on Monday.")).toEqual([
      ["CSZ", "Comité de suivi de Zandor"],
    ]);
  });

  it("reads 'known by its French initials' and 'by its French acronym' after the name", () => {
    expect(
      pairs("Convoys of the Port Maintenance Authority, known by its French initials APM, were delayed."),
    ).toEqual([["APM", "Port Maintenance Authority"]]);
    expect(pairs("The Rally for Dune Unity (RUD, by its French acronym) denied it.")).toEqual([
      ["RUD", "Rally for Dune Unity"],
    ]);
    expect(pairs("The Quarry Watch Brigade, also known as the QWB, deployed.")).toEqual([
      ["QWB", "Quarry Watch Brigade"],
    ]);
  });

  it("takes a plural acronym without its 's', and a lower-case name", () => {
    expect(pairs("Two mobile water purifiers (MWPs) were flown in.")).toEqual([
      ["MWP", "mobile water purifiers"],
    ]);
  });

  it("lets joining words and an article in capitals give a letter or none, and takes the whole name", () => {
    expect(pairs("The Union of Coastal Herders of Tarsa (UCHT) marched.")).toEqual([
      ["UCHT", "Union of Coastal Herders of Tarsa"],
    ]);
    expect(pairs("Clashes with Al-Nasr in the Western Plateau (ANWP) went on.")).toEqual([
      ["ANWP", "Al-Nasr in the Western Plateau"],
    ]);
    expect(pairs("The Council for Reform, Amnesty and Truth (CRAT) sat.")).toEqual([
      ["CRAT", "Council for Reform, Amnesty and Truth"],
    ]);
  });

  it("lets a capitalised word give a second letter of its own, but the fewest such letters win", () => {
    expect(pairs("The Relief Mission in Korlo (RMKO) left.")).toEqual([["RMKO", "Relief Mission in Korlo"]]);
    // "Movement" could give "MN" of the shorter name; the whole name gives every letter as an initial.
    expect(pairs("Men of the National Movement for the Freedom of Azir (MNFA) fled.")).toEqual([
      ["MNFA", "National Movement for the Freedom of Azir"],
    ]);
  });

  it("takes a name in capitals whose initials are the acronym's letters in another order", () => {
    expect(pairs("The Security Commission of Velmar (CSV) met.")).toEqual([
      ["CSV", "Security Commission of Velmar"],
    ]);
  });

  it("reads no year, number, symbol, country, Roman numeral or name whose initials do not fit", () => {
    expect(pairs("Resolution 3012 (2031) was adopted (S/RES/3012) by 13 votes (13-0-2).")).toEqual([]);
    expect(pairs("The force was sent to Velmar (Ostrania) and Tarsa (VII).")).toEqual([]);
    expect(pairs("The governor met the Fishing Guild (UFG) and the river police (RP).")).toEqual([
      ["RP", "river police"],
    ]);
    expect(pairs("Patrols resumed near the market (FRK said).")).toEqual([]);
    expect(pairs("security commission of velmar (CSV)")).toEqual([]);
  });
});

const meta: DocumentMeta = {
  id: "one",
  title: "Report",
  source: "UN",
  date: "2031-01-01",
  approximateDate: false,
  url: null,
  symbol: null,
};

function passage(docMeta: DocumentMeta, n: number, text: string): Passage {
  return { id: `${docMeta.id}#${n}`, doc: docMeta, section: null, text };
}

describe("the acronym table of an index", () => {
  const first = [
    passage(meta, 1, "The Front for the Renewal of Kelbara (FRK) was formed in 2029."),
    passage(meta, 2, "FRK fighters blocked the ferry."),
  ];
  const alternatives = (question: string, index = buildPassageIndex([meta], first)) =>
    parseQuery(question, index.vocabulary, buildGlossary([], [])).concepts.map((c) => c.alternatives);

  it("expands a question's acronym to the name's words, the acronym first", () => {
    expect(alternatives("FRK ferry")[0]).toEqual([["frk"], ["front", "renew", "kelbara"]]);
  });

  it("expands the name to the acronym, the name first", () => {
    expect(alternatives("Front for the Renewal of Kelbara ferry")[0]).toEqual([
      ["front", "renew", "kelbara"],
      ["frk"],
    ]);
  });

  it("follows an update: a document added brings its acronyms, a document removed takes its own", () => {
    const other: DocumentMeta = { ...meta, id: "two" };
    const added = updatePassageIndex(
      buildPassageIndex([meta], first),
      new Set(),
      [other],
      [passage(other, 1, "The Quarry Watch Brigade (QWB) deployed to Tarsa.")],
    );
    expect(alternatives("QWB Tarsa", added)[0]).toEqual([["qwb"], ["quarri", "watch", "brigad"]]);
    const removed = updatePassageIndex(added, new Set(["one"]), [], []);
    expect(alternatives("QWB Tarsa", removed)[0]).toEqual([["qwb"], ["quarri", "watch", "brigad"]]);
    expect(removed.vocabulary.acronyms.of("one")).toEqual([]);
    expect(removed.vocabulary.acronyms.groupsFor("frk")).toBeNull();
  });

  it("is persisted with the index", () => {
    const index = buildPassageIndex([meta], first);
    const restored = deserializePassageIndex(deserialize(serialize(serializePassageIndex(index))));
    expect(alternatives("FRK ferry", restored)[0]).toEqual([["frk"], ["front", "renew", "kelbara"]]);
  });
});

describe("a question with an acronym a document defines", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2031-02-01-ferry.md": doc(
        { title: "Ferry blocked on the Zandor", source: "AFP", date: "2031-02-01" },
        "Fighters of the Front for the Renewal of Kelbara (FRK) blocked the Zandor ferry on Tuesday, cutting the road to Tarsa.",
      ),
      "2031-03-01-talks.md": doc(
        { title: "Talks in Velmar", source: "Reuters", date: "2031-03-01" },
        "The Front for the Renewal of Kelbara agreed to a ceasefire in Velmar on Sunday after three days of talks.",
      ),
      "2031-04-01-convoy.md": doc(
        { title: "Convoy attacked", source: "UN", date: "2031-04-01" },
        "A supply convoy was ambushed near Ostra; the FRK denied any part in the attack on the convoy.",
      ),
      "2031-05-01-water.md": doc(
        { title: "Water for the camps", source: "UN", date: "2031-05-01" },
        "The agency bought six mobile water purifiers (MWPs) for the camps in the east.",
      ),
      "2031-06-01-tarsa.md": doc(
        { title: "Tarsa camp", source: "UN", date: "2031-06-01" },
        "Two mobile water purifiers reached the Tarsa camp on Friday, a week after the wells ran dry.",
      ),
      "2031-07-01-trucks.md": doc(
        { title: "Food for Tarsa", source: "UN", date: "2031-07-01" },
        "Four trucks reached the Tarsa camp on Monday with rice and oil.",
      ),
    }),
  );

  it("finds the passage that only spells the name out", () => {
    const answer = answerQuestion(kb, "how many MWPs reached Tarsa?");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("Two mobile water purifiers reached the Tarsa camp");
  });

  it("finds the passage that only writes the acronym when asked with the full name", () => {
    const answer = answerQuestion(kb, "What did the Front for the Renewal of Kelbara deny?");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("denied any part in the attack");
  });

  it("reads a short English word in lower case as the word, not as an acronym", () => {
    const concepts = parseQuery("is the ferry open", kb.index.vocabulary, kb.glossary).concepts;
    expect(concepts.map((c) => c.text)).not.toContain("is");
  });
});
