import { describe, expect, it } from "vitest";
import { chooseHolder, periodUncovered } from "../../../../src/core/answer/roles/choose.ts";
import type { AskedRole } from "../../../../src/core/answer/roles/question.ts";
import type { RoleStatement } from "../../../../src/core/answer/roles/statement.ts";
import { askedTime } from "../../../../src/core/answer/time.ts";

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

describe("a period the statements do not reach", () => {
  const role: AskedRole = { roles: ["prime-minister"], appointment: false, earliest: false, month: null };
  const pm = (holder: string, asOf: string, extra: Partial<RoleStatement> = {}) =>
    statement(holder, asOf, { role: "prime-minister", ...extra });

  it("says nothing of a year after the newest statement when nobody is named since", () => {
    const statements = [pm("Choguel Maiga", "2021-12-28", { since: "2021-06-05" })];
    const chosen = chooseHolder(statements, role, askedTime("in 2023"))!;
    expect(periodUncovered(chosen, statements, askedTime("in 2023"))).toBe(true);
    expect(periodUncovered(chosen, statements, askedTime("in 2021"))).toBe(false);
    expect(periodUncovered(chosen, statements, null)).toBe(false);
  });

  it("reaches a year a successor's later appointment or a later mention covers", () => {
    const statements = [
      statement("Dennis Gyllensporre", "2019-05-31", { since: "2018-10-02", held: true }),
      statement("Cornelis Matthijssen", "2021-12-28", { since: "2021-10-01" }),
    ];
    const head: AskedRole = { ...role, roles: ["head-of-mission"] };
    const chosen = chooseHolder(statements, head, askedTime("in 2020"))!;
    expect(chosen.holder).toBe("Dennis Gyllensporre");
    expect(periodUncovered(chosen, statements, askedTime("in 2020"))).toBe(false);
  });

  it("names nobody for a year years after the last holder's statement, before a successor's appointment", () => {
    const statements = [
      pm("Amadou Sy", "2014-05-20"),
      pm("Awa Keita", "2019-05-31", { since: "2019-04-22" }),
    ];
    // Someone the documents never name may have come between 2014 and 2019.
    expect(chooseHolder(statements, role, askedTime("in 2018"))).toBeNull();
    // The year after the last statement, or a departure dated in the year, still reaches it.
    expect(chooseHolder(statements, role, askedTime("in 2015"))?.holder).toBe("Amadou Sy");
    const left = [...statements, pm("Amadou Sy", "2019-05-31", { ended: true, since: "2019-04-22" })];
    expect(chooseHolder(left, role, askedTime("in 2018"))?.holder).toBe("Amadou Sy");
  });

  it("keeps a holder whose namesake left the role before they took it", () => {
    const statements = [
      pm("Modibo Keita", "2015-03-27"),
      pm("Soumeylou Maiga", "2019-05-31", { ended: true }),
      pm("Choguel Maiga", "2021-12-28", { since: "2021-06-05" }),
    ];
    expect(chooseHolder(statements, role, askedTime("in 2022"))?.holder).toBe("Choguel Maiga");
  });
});

describe("a holder removed as the documents tell it", () => {
  const role: AskedRole = { roles: ["president"], appointment: false, earliest: false, month: null };
  const president = (holder: string, asOf: string, extra: Partial<RoleStatement> = {}) =>
    statement(holder, asOf, { role: "president", ...extra });

  it("names nobody rather than a holder named before a later removal of another", () => {
    const statements = [
      president("Mahamadou Issoufou", "2014-10-03"),
      president("Mohamed Bazoum", "2023-07-28", { ended: true, removed: true }),
    ];
    expect(chooseHolder(statements, role, null)).toBeNull();
    expect(chooseHolder(statements, role, askedTime("in 2014"))?.holder).toBe("Mahamadou Issoufou");
  });
});
