import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import type { Explanation } from "../../../src/core/answer/explain.ts";
import type { Turn } from "../../../src/core/answer/types.ts";
import {
  deedTerms,
  eventAnswer,
  eventAsk,
  eventCue,
  locates,
  namesDoer,
  namesLeader,
  onlyTheDeed,
} from "../../../src/core/conversation/event-cues.ts";
import { indexTerm } from "../../../src/core/search/terms.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";
import { askThread } from "../../helpers/thread.ts";

describe("what an event follow-up asks", () => {
  it("reads where the thread's place is and who did the thread's event", () => {
    expect(eventAsk("where is that?")).toBe("where");
    expect(eventAsk("where did it happen?")).toBe("where");
    expect(eventAsk("who was holding her?")).toBe("doer");
    expect(eventAsk("who is behind it?")).toBe("doer");
    expect(eventAsk("who was responsible?")).toBe("doer");
    expect(eventAsk("who claimed the attack?")).toBe("doer");
    expect(eventAsk("who carried it out?")).toBe("doer");
    expect(eventAsk("which group was holding him?")).toBe("doer");
    expect(eventAsk("where's that?")).toBe("where");
    expect(eventAsk("where exactly is Tamou?")).toBe("where");
    expect(eventAsk("who heads it?")).toBe("leader");
    expect(eventAsk("who led it?")).toBe("leader");
    expect(eventAsk("who was their leader?")).toBe("leader");
    expect(eventAsk("when did he take power?")).toBe("when");
    expect(eventAsk("in what year were they kidnapped?")).toBe("when");
    expect(eventAsk("who was overthrown?")).toBe("victim");
    expect(eventAsk("who were kidnapped?")).toBe("victim");
    // "Who did he beat?" asks a rival, told with its own words ("won … against X"): not read so.
    expect(eventAsk("who did he beat?")).toBeNull();
    expect(eventAsk("how many were injured?")).toBeNull();
  });
});

describe("sentences that place the thread's place or name the doer", () => {
  it("places the asked place, not another the sentence happens to place", () => {
    expect(locates("Tamou lies in the Tillaberi region, about 30 kilometres from Say.", ["Tamou"])).toBe(
      true,
    );
    expect(locates("The base at Kerena, about 20 kilometres from Douentza, was hit.", ["Kerena"])).toBe(true);
    expect(locates("The convoy was near the border with Niger.", ["Tamou"])).toBe(false);
    expect(locates("Soldiers from Mali were in the Gao region.", ["Mali"])).toBe(true);
    expect(locates("Malian soldiers were killed in the Gao region.", ["Mali"])).toBe(false);
    expect(locates("Tamou was attacked on Sunday.", ["Tamou"])).toBe(false);
    expect(locates("A bomber drove into a camp in the northern Malian city of Gao.", ["Gao"])).toBe(true);
    expect(locates("Gunmen kidnapped a worker in the village of Tamou.", ["Tamou"])).toBe(false);
  });

  it("names a group at the deed, not a sentence that only shares the verb", () => {
    expect(namesDoer("A source said the nurse was being held by fighters of the Islamic State.")).toBe(true);
    expect(namesDoer("The attack was later claimed by JNIM.")).toBe(true);
    expect(
      namesDoer("The jihadist group Al-Mourabitoune, led by Mokhtar Belmokhtar, claimed the attack."),
    ).toBe(true);
    expect(namesDoer("The charity, which has been holding weekly clinics there, suspended its work.")).toBe(
      false,
    );
    expect(namesDoer("Women hold 28 per cent of the seats in the council.")).toBe(false);
    // The name may end with what kind of body it is.
    expect(namesDoer("The Sahel Liberation group claimed responsibility on its channel.")).toBe(true);
    expect(namesDoer("The Azawad Unity movement, in a statement, claimed the raid.")).toBe(true);
  });

  it("names the doer a few words after the deed, or a group saying its fighters did it", () => {
    expect(
      namesDoer(
        "They were seized in July 2020 on the road between Kidal and Anefis by gunmen from the Group to Support Islam.",
      ),
    ).toBe(true);
    expect(
      namesDoer(
        "On Wednesday, the Islamic State (ISGS) said in a message posted online that its fighters had carried out the ambush.",
      ),
    ).toBe(true);
    // "By" a day dates the deed; a speaker who says nothing of their own fighters names no doer.
    expect(namesDoer("The hostages were held in the desert by Monday, officials said.")).toBe(false);
    expect(namesDoer("The Government said the convoy was attacked near Tessit.")).toBe(false);
    expect(namesDoer("French forces carried out two drone strikes near Kidal.")).toBe(true);
    expect(namesDoer("The strikes were carried out at night.")).toBe(false);
  });
});

describe("the date of the thread's event", () => {
  const candidate = (doc: string, n: number, index: number, sentence: string) => ({
    sentence,
    index,
    hit: { passage: { id: `${doc}#${n}`, doc: { id: doc } } },
  });
  const dated = eventCue("when", [], "when did it happen?", [], indexTerm)!;

  it("is the one the sentence that told the event gives, before a later sentence's date", () => {
    // Ranked as a follow-up ranks them: the later sentence continues the story, the one already given does not.
    const later = candidate("coup", 2, 0, "Konaté had been due to step down after elections in April.");
    const told = candidate("coup", 0, 0, "Soldiers said on Thursday they had ousted President Ali Konaté.");
    const place = { passage: "coup#0", sentence: 0 };
    expect(eventAnswer([later, told], "when", new Set(["coup"]), [], dated, null, place)).toBe(told);
    // When that sentence gives no date, the story's first dated sentence does.
    const undated = candidate("coup", 0, 0, "Soldiers said they had ousted President Ali Konaté.");
    expect(eventAnswer([later, undated], "when", new Set(["coup"]), [], dated, null, place)).toBe(later);
  });

  it("is asked of the sentence already given only when the question's own words are the deed alone", () => {
    const concept = (text: string, typed: string[]) => ({ text, alternatives: [typed], known: true });
    expect(onlyTheDeed([concept("happen", ["happen"])], indexTerm)).toBe(true);
    expect(onlyTheDeed([concept("take power", ["take", "power"])], indexTerm)).toBe(true);
    // "When did the government sign?" after the rebels' signing asks about another party's deed.
    expect(onlyTheDeed([concept("government", ["govern"]), concept("sign", ["sign"])], indexTerm)).toBe(
      false,
    );
  });
});

describe("sentences that name who led it, and the words a deed is told with", () => {
  it("names the leader of a body or of the event, not of something else the story mentions", () => {
    expect(
      namesLeader("Colonel Amadou Sidibé, a paratrooper, presented himself as the leader of the committee."),
    ).toBe(true);
    expect(
      namesLeader("Relations soured after the military, led by Colonel Amadou Sidibé, seized power."),
    ).toBe(true);
    expect(namesLeader("The mutineers (CNRE) are headed by Captain Ali Touré.")).toBe(true);
    expect(namesLeader("It is led by Special Representative Ana Costa of Portugal.")).toBe(true);
    expect(namesLeader("The junta leader Colonel Amadou Sidibé spoke on television.")).toBe(true);
    expect(namesLeader("The president had faced months of protests led by the imam Moussa Cissé.")).toBe(
      false,
    );
    expect(namesLeader("The mission's first priority is to support the election.")).toBe(false);
  });

  it("widens a deed the question typed to its family, not a synonym's", () => {
    const kidnap = deedTerms(new Set(["kidnap"]), new Set(["kidnap"]), indexTerm);
    expect(kidnap.has(indexTerm("seized")!)).toBe(true);
    expect(kidnap.has(indexTerm("abducted")!)).toBe(true);
    // "take power" also searches "seize power": that makes no kidnapping of it.
    const power = deedTerms(new Set(["take", "power"]), new Set(["take", "power", "seiz"]), indexTerm);
    expect(power.has(indexTerm("coup")!)).toBe(true);
    expect(power.has(indexTerm("abducted")!)).toBe(false);
  });
});

// A kidnapping story whose next sentence places another event, and whose doer is named four sentences on with
// "held"; a report elsewhere shares "hold" and "responsible".
const files = {
  "2022-05-09-kidnapping.md": doc(
    { title: "Aid worker kidnapped in Tamou", source: "Wire", date: "2022-05-09" },
    "Gunmen kidnapped a foreign aid worker on Sunday in the village of Tamou, officials said.\n\n" +
      "The kidnapping came a week after an attack on an army post at Tessit, in the Gao region, killed four soldiers.\n\n" +
      "Tamou lies in the Tillaberi region, about 30 kilometres south of the town of Say.\n\n" +
      "The charity, which has been holding weekly clinics in Tamou since 2019, suspended its activities.\n\n" +
      "A security source said the worker was being held by fighters of the Islamic State in the Greater Sahara.",
  ),
  "2021-12-28-report.md": doc(
    { title: "Report on the situation in the country", source: "UN", date: "2021-12-28" },
    "Women hold 28 per cent of the seats in the transitional council.\n\nThe government was responsible for most of the delays in the electoral calendar.",
  ),
};

describe("event follow-ups answered from the thread's story", async () => {
  const kb = await openKnowledgeBase(await knowledgeFolder(files));

  it("answers 'where is that?' with the sentence placing the thread's place", () => {
    const [first, where] = askThread(kb, ["aid worker kidnapped in Tamou", "where is that?"]);
    expect(first!.text).toContain("kidnapped a foreign aid worker");
    expect(where!.text).toContain("Tamou lies in the Tillaberi region");
    expect(where!.text).not.toContain("Tessit");
  });

  it("answers 'who was holding her?' and 'who was responsible?' with the group named at the deed", () => {
    const [, holding] = askThread(kb, ["aid worker kidnapped in Tamou", "who was holding her?"]);
    expect(holding!.text).toContain("held by fighters of the Islamic State in the Greater Sahara");
    const [, responsible] = askThread(kb, ["aid worker kidnapped in Tamou", "who was responsible?"]);
    expect(responsible!.text).toContain("Islamic State in the Greater Sahara");
  });

  it("reads 'which group was holding her?' as asking the doer, without searching the word 'group'", () => {
    const [, group] = askThread(kb, ["aid worker kidnapped in Tamou", "which group was holding her?"]);
    expect(group!.text).toContain("Islamic State in the Greater Sahara");
  });

  it("places a keyword's opening place with the sentence that names it, even the one already given", () => {
    const bombing = {
      "2017-01-18-bombing.md": doc(
        { title: "Suicide bombing at a camp", source: "Wire", date: "2017-01-18" },
        "A suicide bomber drove a vehicle into a military camp in the northern Malian city of Gao on Wednesday, killing 77 people.\n\nThe patrols, which were to begin in Gao before Kidal, were suspended.",
      ),
    };
    return knowledgeFolder(bombing)
      .then(openKnowledgeBase)
      .then((small) => {
        const [, where] = askThread(small, ["Gao suicide bombing", "where is that?"]);
        expect(where!.text).toContain("northern Malian city of Gao");
      });
  });

  it("answers 'who claimed it?' with the story's later claim, and 'who had been holding them?' with the captors", async () => {
    const stories = await openKnowledgeBase(
      await knowledgeFolder({
        "2018-10-03-ambush.md": doc(
          { title: "Peacekeepers killed in ambush near Tessit", source: "Wire", date: "2018-10-03" },
          "Three peacekeepers were killed on Tuesday when their convoy ran into an ambush between Ansongo and Tessit, the mission said.\n\n" +
            "The convoy was struck first by a roadside bomb, then came under fire from assailants on motorcycles.\n\n" +
            "On Wednesday, the Islamic State in the Greater Sahara (ISGS) said in a message posted online that its fighters had carried out the ambush.",
        ),
        "2021-09-20-freed.md": doc(
          { title: "Two aid workers freed after 14 months", source: "Wire", date: "2021-09-20" },
          "Two aid workers abducted in the north last year have been released and are in good health, the ministry said on Monday.\n\n" +
            "The two women, who worked for a water charity, were flown to Bamako aboard a mission aircraft.\n\n" +
            "They were seized in July 2020 on the road between Kidal and Anefis by gunmen from the Group to Support Islam and Muslims (JNIM).",
        ),
      }),
    );
    const [, claimed] = askThread(stories, ["Tessit convoy ambush", "who claimed it?"]);
    expect(claimed!.text).toContain("its fighters had carried out the ambush");
    const [, holding] = askThread(stories, ["aid workers freed", "who had been holding them?"]);
    expect(holding!.text).toContain("by gunmen from the Group to Support Islam and Muslims");
  });

  it("answers a doer question with the doer of the asked deed, not a leader the story names first", async () => {
    const released = await openKnowledgeBase(
      await knowledgeFolder({
        "2022-03-04-engineers-freed.md": doc(
          { title: "Two engineers freed in Niger", source: "Wire", date: "2022-03-04" },
          "Two road engineers were released on Thursday after eight months in captivity, the government said.\n\n" +
            "The release is a relief for the transitional authorities led by Prime Minister Ali Lamine Zeine, who had promised to bring them home.\n\n" +
            "Officials said the engineers had been held by the Katiba Serma, a local jihadist unit, in the forests near the border.",
        ),
      }),
    );
    const [, holding] = askThread(released, ["engineers released Niger", "who was holding them?"]);
    expect(holding!.text).toContain("held by the Katiba Serma");
  });

  it("answers 'who led it?' with the story's leader, not the leader of the protests before it", async () => {
    const coup = await openKnowledgeBase(
      await knowledgeFolder({
        "2019-05-02-coup.md": doc(
          { title: "President resigns after mutineers detain him", source: "Wire", date: "2019-05-02" },
          "President Oumar Dembélé announced his resignation on Thursday, hours after mutinying soldiers detained him at gunpoint.\n\n" +
            "The soldiers later appeared on television calling themselves the National Committee for Renewal (CNR).\n\n" +
            "Colonel Amadou Sidibé, a paratrooper, presented himself on Thursday as the leader of the committee.\n\n" +
            "Dembélé had faced months of protests led by the imam Moussa Cissé over disputed elections.",
        ),
        "2022-03-01-later.md": doc(
          { title: "Sanctions lifted", source: "Wire", date: "2022-03-01" },
          "Relations soured after the military, led by Colonel Amadou Sidibé, seized power in 2019 and delayed elections.",
        ),
      }),
    );
    const [first, leader] = askThread(coup, ["Dembélé resignation", "who led it?"]);
    expect(first!.citations[0]!.doc.id).toBe("2019-05-02-coup");
    expect(leader!.text).toContain("presented himself on Thursday as the leader of the committee");
    expect(leader!.citations[0]!.doc.id).toBe("2019-05-02-coup");
  });

  it("answers 'when were they kidnapped?' with the story's date of the deed, told with another verb", async () => {
    const freed = await openKnowledgeBase(
      await knowledgeFolder({
        "2021-09-20-freed.md": doc(
          { title: "Two aid workers freed after 14 months", source: "Wire", date: "2021-09-20" },
          "Two aid workers abducted in the north last year have been released and are in good health, the ministry said on Monday.\n\n" +
            "The two women, who worked for a water charity, were flown to Bamako aboard a mission aircraft.\n\n" +
            "They were seized in July 2020 on the road between Kidal and Anefis by gunmen.",
        ),
        "2022-05-09-other.md": doc(
          { title: "Nurse kidnapped in Tamou", source: "Wire", date: "2022-05-09" },
          "Gunmen kidnapped a nurse on Sunday 8 May in the village of Tamou, officials said.",
        ),
      }),
    );
    const [, when] = askThread(freed, ["aid workers freed", "when were they kidnapped?"]);
    expect(when!.text).toContain("seized in July 2020");
    expect(when!.citations.map((c) => c.doc.id)).toEqual(["2021-09-20-freed"]);
  });

  it("answers 'who was behind it?' from a later story of the same event when the thread's names no one", async () => {
    // The ambush story names no doer; two days on, another story says who claimed it. A claim of another attack
    // near the same town two months on, and one of an attack elsewhere the same week, are other events.
    const stories = await openKnowledgeBase(
      await knowledgeFolder({
        "2018-10-03-ambush.md": doc(
          { title: "Peacekeepers killed in ambush near Tessit", source: "Wire", date: "2018-10-03" },
          "Three peacekeepers were killed on Tuesday when their convoy ran into an ambush near Tessit, the mission said.\n\n" +
            "The convoy was struck by a roadside bomb, then came under fire from assailants on motorcycles.",
        ),
        "2018-10-05-claim.md": doc(
          { title: "Army post attacked", source: "Wire", date: "2018-10-05" },
          "Gunmen attacked an army post in the centre on Thursday, killing two soldiers, the ministry said.\n\n" +
            "Separately, the Group for Islam and Muslims claimed responsibility for Tuesday's ambush on a supply convoy near Tessit.",
        ),
        "2018-10-06-elsewhere.md": doc(
          { title: "Attack on Boni checkpoint claimed", source: "Wire", date: "2018-10-06" },
          "The Sahel Liberation Front claimed responsibility for an ambush on a convoy near Boni on Friday.",
        ),
        "2018-12-10-later.md": doc(
          { title: "New attack near Tessit", source: "Wire", date: "2018-12-10" },
          "The Islamic State in the Sahara claimed an ambush on an army convoy near Tessit on Sunday.",
        ),
      }),
    );
    const [, behind] = askThread(stories, ["Tessit convoy ambush", "who was behind it?"]);
    expect(behind!.text).toContain("Group for Islam and Muslims claimed responsibility");
    expect(behind!.citations.map((c) => c.doc.id)).toEqual(["2018-10-05-claim"]);
    // Asked without a pronoun, naming no event of its own, it is still about the thread's.
    const [, group] = askThread(stories, ["Tessit convoy ambush", "which group claimed responsibility?"]);
    expect(group!.citations.map((c) => c.doc.id)).toEqual(["2018-10-05-claim"]);
  });

  it("answers 'how many were wounded?' with the count the event's own sentence gives, not another attack's", async () => {
    const stories = await openKnowledgeBase(
      await knowledgeFolder({
        "2018-10-03-ambush.md": doc(
          { title: "Peacekeepers killed in ambush near Tessit", source: "Wire", date: "2018-10-03" },
          "Three peacekeepers were killed and six wounded on Tuesday when their supply convoy ran into an ambush between Ansongo and Tessit, the UN mission said.\n\n" +
            "Reinforcements were sent from Gao.",
        ),
        // The library's story of the 2017 Gao bombing, whose wounded outnumber the ambush's.
        "2017-01-18-afp-gao-camp-suicide-bombing.md": readFileSync(
          "test/library/docs/2017-01-18-afp-gao-camp-suicide-bombing.md",
          "utf8",
        ),
      }),
    );
    const [, wounded] = askThread(stories, ["Tessit convoy ambush", "how many were wounded?"]);
    expect(wounded!.text).toContain("six wounded");
    expect(wounded!.citations.map((c) => c.doc.id)).toEqual(["2018-10-03-ambush"]);
    // The bombing's story goes on to count its wounded: that sentence, not the lead again.
    const [, gao] = askThread(stories, ["Gao suicide bombing 2017", "how many were wounded?"]);
    expect(gao!.text).toContain("More than 100 people were wounded");
  });

  it("answers 'who was overthrown?' with the one the thread's deed was done to, not another coup's", async () => {
    const coups = await openKnowledgeBase(
      await knowledgeFolder({
        "2012-03-22-coup.md": doc(
          {
            title: "Mutinous soldiers seize power, suspend constitution",
            source: "Wire",
            date: "2012-03-22",
          },
          "Renegade soldiers said on Thursday they had ousted President Ali Konaté, dissolved state institutions and suspended the constitution.\n\n" +
            "The mutineers are headed by Captain Issa Coulibaly, who appeared on state television.",
        ),
        "2020-08-19-other.md": doc(
          { title: "President resigns after mutiny", source: "Wire", date: "2020-08-19" },
          "President Oumar Dembélé was overthrown on Tuesday by mutinous soldiers in the capital.",
        ),
      }),
    );
    const [, who] = askThread(coups, ["soldiers seize power Konaté", "who was overthrown?"]);
    expect(who!.text).toContain("ousted President Ali Konaté");
    expect(who!.text).not.toContain("Dembélé");
  });

  it("explains the reading", () => {
    const history: Turn[] = [answerQuestion(kb, "aid worker kidnapped in Tamou").turn];
    const explanation: Explanation = {};
    answerQuestion(kb, "where is that?", history, explanation);
    expect(explanation.reading?.event).toBe("where");
    expect(explanation.decision).toContain("placing Tamou");
  });
});
