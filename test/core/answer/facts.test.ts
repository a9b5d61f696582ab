import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { type Explanation, explanationText } from "../../../src/core/answer/explain.ts";
import {
  type AskedRole,
  askedRole,
  chooseHolder,
  type RoleStatement,
  readRoleStatements,
} from "../../../src/core/answer/facts.ts";
import { askedTime } from "../../../src/core/answer/time.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

/** A head-of-mission statement of `holder` as of a date, as the reader would give it. */
const statement = (holder: string, asOf: string, extra: Partial<RoleStatement> = {}): RoleStatement => ({
  role: "head-of-mission",
  holder,
  key: holder.split(" ").at(-1)!.toLowerCase(),
  qualifier: "",
  tail: "",
  foreignAdjective: false,
  ended: false,
  since: null,
  passageId: `${asOf}#0`,
  sentence: 0,
  docId: asOf,
  asOf,
  ...extra,
});

const read = (sentence: string, date = "2020-06-30") =>
  readRoleStatements(sentence, date).map((s) => ({
    role: s.role,
    holder: s.holder,
    since: s.since,
    ended: s.ended,
  }));

describe("reading role statements", () => {
  it("reads a name after the role, its title left out", () => {
    expect(
      read("I thank the Force Commander, Major General Michael Lollesgaard, and all personnel."),
    ).toEqual([{ role: "force-commander", holder: "Michael Lollesgaard", since: null, ended: false }]);
    expect(read("Foreign Minister Abdoulaye Diop told the council.")[0]?.holder).toBe("Abdoulaye Diop");
  });

  it("reads a name before the role, past a nationality and an aside", () => {
    const [statement] = read(
      "Mahamat Saleh Annadif of Chad, who took up his post as the Secretary-General's Special Representative for Mali in January, briefed the Council.",
      "2016-06-29",
    );
    expect(statement).toEqual({
      role: "head-of-mission",
      holder: "Mahamat Saleh Annadif",
      since: "2016-01-01",
      ended: false,
    });
  });

  it("dates an appointment by the date the sentence gives it", () => {
    const [statement] = read(
      "On 22 April, President Ibrahim Boubacar Keïta appointed Boubou Cissé, the former Minister of Economy and Finance, as Prime Minister.",
      "2019-05-31",
    ).filter((s) => s.role === "prime-minister");
    expect(statement).toMatchObject({ holder: "Boubou Cissé", since: "2019-04-22" });
  });

  it("dates an appointment by the day it names first", () => {
    const [statement] = read(
      "Assimi Goita was sworn in as transitional president on Monday, after he ousted President Bah Ndaw in May.",
      "2021-06-08",
    );
    expect(statement).toMatchObject({ holder: "Assimi Goita", since: "2021-06-08" });
  });

  it("reads a holder being removed as one who has left", () => {
    const statements = read(
      "Goita had soldiers arrest President Bah Ndaw and Prime Minister Moctar Ouane on Monday.",
    );
    expect(statements.every((s) => s.ended)).toBe(true);
    expect(statements.map((s) => s.holder)).toEqual(["Moctar Ouane", "Bah Ndaw"]);
  });

  it("reads who took power, and the leader ousted as gone", () => {
    const statements = read(
      "A 34-year-old army captain, Ibrahim Traoré, announced on Friday that he had ousted the junta leader, Lieutenant-Colonel Paul-Henri Damiba, in the second coup this year.",
      "2022-10-01",
    );
    expect(statements).toContainEqual({
      role: "leader",
      holder: "Ibrahim Traoré",
      since: "2022-10-01",
      ended: false,
    });
    expect(statements).toContainEqual({
      role: "leader",
      holder: "Paul-Henri Damiba",
      since: null,
      ended: true,
    });
  });

  it("marks a nationality it cannot place, and leaves out offices that are not the role", () => {
    const [israeli] = readRoleStatements(
      "It followed the visit of Israeli Prime Minister Benjamin Netanyahu.",
      "2019-01-21",
    );
    expect(israeli?.foreignAdjective).toBe(true);
    expect(read("The Deputy Special Representative, Joanne Adamson, spoke.")).toEqual([]);
    expect(read("The letter was addressed to the President of the Security Council.")).toEqual([]);
  });
});

describe("reading a role question", () => {
  const asked = (q: string) => askedRole(q, null, askedTime(q));

  it("reads the role, a leader asked by verb, a month and 'first'", () => {
    expect(asked("Who is the head of the UN mission?")?.roles).toEqual(["head-of-mission"]);
    expect(asked("who runs the country now?")?.roles).toEqual(["leader", "president"]);
    expect(asked("Force Commander in 2015")?.roles).toEqual(["force-commander"]);
    expect(asked("Who leads the UN force?")?.roles).toEqual(["force-commander"]);
    expect(asked("Who became prime minister in April 2019?")).toMatchObject({ appointment: true, month: 4 });
    expect(asked("Who was the first Force Commander?")?.earliest).toBe(true);
  });

  it("reads a question about an interim holder", () => {
    expect(asked("Who was the acting head of the mission?")).toMatchObject({ acting: true });
  });

  it("leaves any other question to the ranking of sentences", () => {
    expect(asked("Who was interim president before Keita?")).toBeNull();
    expect(asked("What did the Force Commander say about helicopters?")).toBeNull();
    expect(asked("Who attacked the convoy?")).toBeNull();
  });
});

describe("choosing the holder", () => {
  const all = [
    statement("Bert Koenders", "2013-07-01"),
    statement("Mongi Hamdi", "2015-03-27", { since: "2015-02-05" }),
    statement("Bert Koenders", "2015-03-27", { ended: true }),
    statement("Mahamat Annadif", "2016-05-30"),
    statement("Mahamat Annadif", "2016-06-29", { since: "2016-01-01" }),
    statement("Mahamat Annadif", "2019-05-31"),
    statement("Ghassim Wane", "2021-03-05", { since: "2021-03-05" }),
    statement("Ghassim Wane", "2024-01-02"),
  ];
  const role: AskedRole = { roles: ["head-of-mission"], appointment: false, earliest: false, month: null };

  it("takes the newest holder when no period is asked", () => {
    expect(chooseHolder(all, role, null)?.asOf).toBe("2024-01-02");
  });

  it("takes the holder of the period, preferring the statement of their appointment", () => {
    expect(chooseHolder(all, role, askedTime("in 2016"))).toMatchObject({
      holder: "Mahamat Annadif",
      since: "2016-01-01",
    });
    expect(chooseHolder(all, role, askedTime("between 2016 and 2020"))?.holder).toBe("Mahamat Annadif");
    expect(chooseHolder(all, role, askedTime("in 2015"))?.holder).toBe("Mongi Hamdi");
  });

  it("takes the last holder named before a period no statement is dated in, and none before the first", () => {
    expect(chooseHolder(all, role, askedTime("in 2018"))?.holder).toBe("Mahamat Annadif");
    expect(chooseHolder(all, role, askedTime("in 2010"))).toBeNull();
  });

  it("takes the earliest for 'first' and only appointments for 'became'", () => {
    expect(chooseHolder(all, { ...role, earliest: true }, null)?.holder).toBe("Bert Koenders");
    expect(chooseHolder(all, { ...role, appointment: true }, askedTime("in 2021"))?.holder).toBe(
      "Ghassim Wane",
    );
    expect(chooseHolder(all, { ...role, appointment: true }, askedTime("in 2019"))).toBeNull();
  });

  it("never names a holder said to have left since", () => {
    const gone = [statement("Bah Ndaw", "2020-09-25"), statement("Bah Ndaw", "2021-05-28", { ended: true })];
    expect(chooseHolder(gone, role, null)).toBeNull();
  });
});

describe("answering a role question", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2015-03-27-report.md": doc(
        { title: "Report on the mission", source: "UN", date: "2015-03-27" },
        "Mongi Hamdi of Tunisia assumed his functions as my Special Representative and Head of the Mission on 5 February 2015. I thank the Force Commander, Major General Michael Lollesgaard, and all personnel.",
      ),
      "2021-03-05-appointment.md": doc(
        { title: "Secretary-General appoints a Special Representative", source: "UN", date: "2021-03-05" },
        "The Secretary-General today announced the appointment of El-Ghassim Wane of Mauritania as his Special Representative and Head of the Mission. Mr. Wane succeeds Mahamat Saleh Annadif of Chad.",
      ),
      "2024-01-02-news.md": doc(
        { title: "Mission completes withdrawal", source: "UN News", date: "2024-01-02" },
        "El-Ghassim Wane, the Special Representative and head of the mission, said at a ceremony that the withdrawal was complete.",
      ),
    }),
  );

  it("names the newest holder, as of when, with the appointment", () => {
    const answer = answerQuestion(kb, "Who is the head of the mission?");
    expect(answer.text).toMatch(
      /^As of 2 Jan 2024: El-Ghassim Wane.*\[1\] Earlier, as of 5 Mar 2021: .*appointment of El-Ghassim Wane/u,
    );
    expect(answer.asOf?.date).toBe("2024-01-02");
  });

  it("answers a keyword naming a holder, misspelt, with that holder's appointment", () => {
    const answer = answerQuestion(kb, "hamdy special representative appointed");
    expect(answer.text).toContain("Mongi Hamdi of Tunisia assumed his functions");
    expect(answerQuestion(kb, "Who was interim president before Hamdi?").text).not.toContain(
      "assumed his functions",
    );
  });

  it("names the first holder without 'as of'", () => {
    const answer = answerQuestion(kb, "Who was the first Force Commander?");
    expect(answer.text).toMatch(/^I thank the Force Commander, Major General Michael Lollesgaard/u);
  });

  it("names the holder of an asked year without 'as of'", () => {
    const answer = answerQuestion(kb, "who was SRSG in 2015");
    expect(answer.text).toMatch(/^Mongi Hamdi of Tunisia assumed his functions/u);
  });

  it("explains the statements it chose from", () => {
    const explanation: Explanation = {};
    answerQuestion(kb, "Force Commander in 2015", [], explanation);
    const text = explanationText(explanation);
    expect(text).toContain("Role statements (newest first):");
    expect(text).toMatch(/force-commander: Michael Lollesgaard \(as of 2015-03-27\)/u);
    expect(text).toMatch(/Decision: answered from the role statements/u);
  });
});

describe("reading role statements worded otherwise", () => {
  it("reads a role told by a verb of leading, and 'since' as the start of the holding", () => {
    expect(
      read(
        "El-Ghassim Wane has headed the Mission as my Special Representative since April 2021.",
        "2023-03-30",
      ),
    ).toEqual([{ role: "head-of-mission", holder: "El-Ghassim Wane", since: "2021-04-01", ended: false }]);
    expect(read("Mongi Hamdi took the helm of MINUSMA in February 2015.")[0]).toMatchObject({
      holder: "Mongi Hamdi",
      since: "2015-02-01",
    });
    expect(read("The Secretary-General named Mongi Hamdi to lead the mission.")[0]?.holder).toBe(
      "Mongi Hamdi",
    );
    expect(read("Bert Koenders, who has headed MINUSMA since its creation, left.")[0]).toMatchObject({
      holder: "Bert Koenders",
      since: null,
    });
    expect(read("MINUSMA, led by Bert Koenders, took over from AFISMA.")[0]?.holder).toBe("Bert Koenders");
  });

  it("reads who rules a country by a verb or an appositive, the country as the role's own words", () => {
    const [led] = readRoleStatements(
      "Assimi Goïta, who has led Mali since the August 2020 coup, was sworn in.",
      "2023-06-30",
    );
    expect(led).toMatchObject({ role: "leader", holder: "Assimi Goïta", since: "2020-08-01", tail: " Mali" });
    expect(read("The country's military ruler, Assimi Goïta, spoke.")[0]).toMatchObject({
      role: "leader",
      holder: "Assimi Goïta",
    });
    expect(read("General Didier Castres led Operation Serval, the French force.")).toEqual([]);
  });

  it("reads the head of government as the prime minister", () => {
    expect(read("The junta named Choguel Kokalla Maïga to lead the government.")[0]).toMatchObject({
      role: "prime-minister",
      holder: "Choguel Kokalla Maïga",
      since: "2020-06-30",
    });
    expect(read("The head of government, Moctar Ouane, met the mission.")[0]?.role).toBe("prime-minister");
    expect(read("Government troops led the offensive.")).toEqual([]);
    expect(askedRole("Who heads the transitional government?", null, null)?.roles).toEqual([
      "prime-minister",
    ]);
  });

  it("reads a UN envoy or top official as heading a mission only with the place they serve", () => {
    expect(read("The UN's top official for human rights, Michelle Bachelet, spoke.")).toEqual([]);
    expect(read("The UN envoy on climate, Jane Roe, spoke.")).toEqual([]);
    expect(
      readRoleStatements(
        "The UN envoy for West Africa and the Sahel, Mohamed Ibn Chambas, visited.",
        "2020-06-30",
      )[0]?.tail,
    ).toBe(" for West Africa and the Sahel");
  });

  it("does not read a leader of something the mission only modifies or suffers", () => {
    expect(read("General Kazura leads MINUSMA troops in the north.")).toEqual([]);
    expect(read("The attack on MINUSMA was led by Iyad Ag Ghaly.")).toEqual([]);
  });

  it("reads appositive titles and a title before the name, honorifics left out", () => {
    expect(read("The mission's chief, Mahamat Saleh Annadif, said the attack was cowardly.")[0]?.holder).toBe(
      "Mahamat Saleh Annadif",
    );
    expect(read("Mahamat Saleh Annadif, the UN envoy in Mali, condemned the attack.")[0]).toMatchObject({
      role: "head-of-mission",
      holder: "Mahamat Saleh Annadif",
    });
    expect(read("Force Commander Lieutenant General Dennis Gyllensporre visited Gao.")[0]).toMatchObject({
      role: "force-commander",
      holder: "Dennis Gyllensporre",
    });
    expect(read("Since 2019, Dennis Gyllensporre has commanded the force.")[0]?.since).toBe("2019-01-01");
    expect(
      read(
        "Tunisian diplomat Mongi Hamdi formally took office on Thursday as the UN's top official in Mali.",
      )[0],
    ).toMatchObject({ role: "head-of-mission", holder: "Mongi Hamdi" });
    expect(read("The UN mission's chief in Mali, Mahamat Saleh Annadif, spoke.")[0]?.holder).toBe(
      "Mahamat Saleh Annadif",
    );
    expect(read("The former mission head Mongi Hamdi now works elsewhere.")[0]).toMatchObject({
      holder: "Mongi Hamdi",
      ended: true,
    });
    expect(
      read("Retired colonel Bah Ndaw was sworn in as Mali's interim president on Friday.")[0],
    ).toMatchObject({
      role: "president",
      holder: "Bah Ndaw",
    });
    expect(
      read("The mission's force commander, Lt. Gen. Dennis Gyllensporre, visited Gao.")[0],
    ).toMatchObject({
      role: "force-commander",
      holder: "Dennis Gyllensporre",
    });
    expect(read("Dennis Gyllensporre leads the MINUSMA force.")[0]?.role).toBe("force-commander");
    expect(
      read("The mission's top commander, Major General Jean Bosco Kazura of Rwanda, spoke.")[0],
    ).toMatchObject({
      role: "force-commander",
      holder: "Jean Bosco Kazura",
    });
    expect(read("The deputy force commander, Brigadier General Jane Doe, spoke.")).toEqual([]);
    expect(read("H.E. Mahamat Saleh Annadif, the head of MINUSMA, spoke.")[0]?.holder).toBe(
      "Mahamat Saleh Annadif",
    );
  });

  it("marks an acting holder, and the one whose departure made them acting as gone", () => {
    const statements = readRoleStatements(
      "Following the departure of my Special Representative, Mr. Albert Gerard Koenders, on 1 November 2014, Mr. Arnauld Antoine Akodjenou, my Deputy Special Representative, has served as acting head of the Mission.",
      "2015-03-27",
    );
    expect(statements.map((s) => [s.holder, s.ended, s.acting ?? false])).toEqual([
      ["Albert Gerard Koenders", true, false],
      ["Arnauld Antoine Akodjenou", false, true],
    ]);
  });
});

describe("choosing the holder of an asked year", () => {
  const role: AskedRole = { roles: ["head-of-mission"], appointment: false, earliest: false, month: null };

  it("counts 'since April 2021' as held from then to the statement's date", () => {
    const statements = [
      statement("Mahamat Annadif", "2019-05-31"),
      statement("Ghassim Wane", "2023-03-30", { since: "2021-04-01", held: true }),
    ];
    expect(chooseHolder(statements, role, askedTime("in 2022"))?.holder).toBe("Ghassim Wane");
  });

  it("says nothing for a year when someone else is named later and nobody in it", () => {
    const statements = [statement("Bert Koenders", "2013-07-01"), statement("Ghassim Wane", "2023-03-30")];
    expect(chooseHolder(statements, role, askedTime("in 2018"))).toBeNull();
  });

  it("gives the last known appointment when nothing supersedes it", () => {
    const statements = [statement("Bert Koenders", "2013-07-01", { since: "2013-05-17" })];
    expect(chooseHolder(statements, role, askedTime("in 2014"))?.holder).toBe("Bert Koenders");
  });

  it("names the holder of a year by the whole name a statement of it gives", () => {
    const statements = [
      statement("Maiga", "2018-09-05", { key: "maiga", since: "2017-12-01", held: true }),
      statement("Soumeylou Boubeye Maiga", "2018-09-05"),
    ];
    expect(chooseHolder(statements, role, askedTime("in 2018"))?.holder).toBe("Soumeylou Boubeye Maiga");
  });

  it("takes the appointed holder over an acting one the same document names", () => {
    const statements = [
      statement("Arnauld Akodjenou", "2015-03-27", { acting: true }),
      statement("Mongi Hamdi", "2015-03-27", { since: "2015-02-05" }),
    ];
    expect(chooseHolder(statements, role, askedTime("in 2015"))?.holder).toBe("Mongi Hamdi");
    expect(chooseHolder(statements, role, null)?.holder).toBe("Mongi Hamdi");
    expect(chooseHolder(statements, { ...role, acting: true }, null)?.holder).toBe("Arnauld Akodjenou");
  });

  it("takes the last holder when the next one's appointment is dated after the year", () => {
    const statements = [
      statement("Dennis Gyllensporre", "2019-05-31", { since: "2018-10-02", held: true }),
      statement("Cornelis Matthijssen", "2021-12-28", { since: "2021-10-01" }),
      statement("Dennis Gyllensporre", "2021-12-28", { ended: true }),
    ];
    expect(chooseHolder(statements, role, askedTime("in 2020"))?.holder).toBe("Dennis Gyllensporre");
  });

  it("leaves out a holder whose departure came before the year", () => {
    const statements = [
      statement("Bert Koenders", "2013-07-01"),
      statement("Bert Koenders", "2014-12-01", { ended: true }),
    ];
    expect(chooseHolder(statements, role, askedTime("in 2016"))).toBeNull();
  });
});

describe("answering a role question from documents worded otherwise", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2015-03-27-report.md": doc(
        { title: "Report on the mission", source: "UN", date: "2015-03-27" },
        "Following the departure of my Special Representative, Mr. Albert Gerard Koenders, on 1 November 2014, Mr. Arnauld Antoine Akodjenou, my Deputy Special Representative, has served as acting head of the Mission.",
      ),
      "2023-03-30-report.md": doc(
        { title: "Report on the situation in Mali", source: "UN", date: "2023-03-30" },
        "El-Ghassim Wane has headed the Mission as my Special Representative since April 2021. The security situation remained volatile.",
      ),
    }),
  );

  it("names the newest holder read from a verb, not the acting one of years before", () => {
    const answer = answerQuestion(kb, "who heads the UN mission?");
    expect(answer.text).toMatch(/^As of 30 Mar 2023: El-Ghassim Wane has headed the Mission/u);
  });

  it("names the holder of a year the 'since' holding spans", () => {
    expect(answerQuestion(kb, "Who led the mission in 2022?").text).toContain("El-Ghassim Wane");
    expect(answerQuestion(kb, "Who was in charge of the mission in 2015?").text).toContain("Akodjenou");
  });
});

describe("a newer ranked sentence the reader misses", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2014-03-01-report.md": doc(
        { title: "Report on the mission", source: "UN", date: "2014-03-01" },
        "The head of the mission, Bert Koenders, visited Kidal.",
      ),
      "2022-05-01-news.md": doc(
        { title: "New mission chief", source: "UN News", date: "2022-05-01" },
        "Jane Roe, a Kenyan diplomat, is now in charge of the UN operation in Mali.",
      ),
    }),
  );

  it("answers with the newer sentence rather than the stale statement", () => {
    const explanation: Explanation = {};
    const answer = answerQuestion(kb, "Who is in charge of the UN mission?", [], explanation);
    expect(answer.text).toContain("Jane Roe");
    expect(answer.text).not.toContain("Bert Koenders");
    expect(explanationText(explanation)).toMatch(/set aside: a newer ranked sentence/u);
  });
});
