import { describe, expect, it } from "vitest";
import { askedRole } from "../../../../src/core/answer/roles/question.ts";
import { readRoleStatements } from "../../../../src/core/answer/roles/read.ts";

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
    // The capitalised "Mission's" of a report, and any tense of "command".
    expect(read("Major General Ana Ruiz of Peru continued to command the Mission’s force.")[0]).toMatchObject(
      { role: "force-commander", holder: "Ana Ruiz" },
    );
    expect(read("Ana Ruiz, commanding the Mission's force, visited Mopti.")[0]?.role).toBe("force-commander");
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

describe("reading a removal told as it happens", () => {
  it("marks a holder detained or ousted in the document's own time, not one recalled from years before", () => {
    const [now] = readRoleStatements(
      "General Tiani declared himself head of a transitional government two days after his soldiers detained President Mohamed Bazoum.",
      "2023-07-28",
    ).filter((s) => s.holder === "Mohamed Bazoum");
    expect(now).toMatchObject({ ended: true, removed: true });
    const [recalled] = readRoleStatements(
      "Goïta, who led coups in 2020 and 2021 after soldiers detained President Bah Ndaw, remains in power.",
      "2024-06-30",
    ).filter((s) => s.holder === "Bah Ndaw");
    expect(recalled?.ended).toBe(true);
    expect(recalled?.removed).toBeUndefined();
  });
});
