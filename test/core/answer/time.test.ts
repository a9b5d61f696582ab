import { describe, expect, it } from "vitest";
import { askedTime, eventDate, matchesTime, sentenceTime } from "../../../src/core/answer/time.ts";

describe("the period a question asks about", () => {
  it("reads a year, a range, 'since', 'before' and 'after'", () => {
    expect(askedTime("How many peacekeepers were killed in 2023?")).toMatchObject({
      kind: "in",
      from: 2023,
      to: 2023,
    });
    expect(askedTime("attacks between 2015 and 2018")).toMatchObject({ kind: "range", from: 2015, to: 2018 });
    expect(askedTime("IEDs since January 2021")).toMatchObject({ kind: "since", from: 2021 });
    expect(askedTime("who led the mission before 2016?")).toMatchObject({ kind: "before", to: 2015 });
    expect(askedTime("what happened after 2020")).toMatchObject({ kind: "after", from: 2021 });
    expect(askedTime("killed in the 1990s")).toMatchObject({ kind: "range", from: 1990, to: 1999 });
    expect(askedTime("How many peacekeepers have been killed since deployment?")).toMatchObject({
      kind: "total",
    });
  });

  it("does not take a resolution's number or a document symbol for a year", () => {
    expect(askedTime("What did resolution 2100 decide?")).toBeNull();
    expect(askedTime("what does S/2021/520 say about helicopters")).toBeNull();
    expect(askedTime("resolution 2531 (2020) troop ceiling")).toBeNull();
  });

  it("says null when no period is named", () => {
    expect(askedTime("troop ceiling")).toBeNull();
  });
});

describe("when a sentence's event happened", () => {
  it("tells a cumulative count from a yearly one", () => {
    expect(sentenceTime("125 peacekeepers killed in attacks since deployment in 2013.")).toMatchObject({
      since: 2013,
      cumulative: true,
      years: [],
    });
    expect(sentenceTime("Since January 2021, over 68 IEDs were used.")).toMatchObject({ since: 2021 });
    expect(sentenceTime("To date, 310 peacekeepers have died.").cumulative).toBe(true);
    expect(sentenceTime("311 peacekeepers killed during its decade in the country.").cumulative).toBe(true);
    expect(sentenceTime("In 2023, 20 peacekeepers were killed.")).toMatchObject({
      years: [2023],
      cumulative: false,
    });
  });

  it("reads a running total told as one ('the deaths bring to 31 the number … since the mission took over')", () => {
    expect(
      sentenceTime(
        "The deaths bring to at least 31 the number of peacekeepers killed since the UN mission took over from an African force in July 2013.",
      ).cumulative,
    ).toBe(true);
    expect(sentenceTime("The attack brings the death toll to 12.").cumulative).toBe(true);
  });

  it("does not take 'the deadliest attack since …' for a count since then", () => {
    expect(
      sentenceTime(
        "Nine peacekeepers were killed, in the deadliest attack on the force since it was deployed.",
      ).cumulative,
    ).toBe(false);
    expect(sentenceTime("It was the worst attack since 2013.")).toMatchObject({
      since: null,
      cumulative: false,
    });
  });

  it("matches a sentence's own year first, its document's year otherwise", () => {
    const in2023 = askedTime("killed in 2023")!;
    expect(matchesTime(in2023, sentenceTime("In 2023, 20 peacekeepers were killed."), "2024-01-10")).toBe(
      true,
    );
    expect(matchesTime(in2023, sentenceTime("In 2019, 20 peacekeepers were killed."), "2023-06-10")).toBe(
      false,
    );
    expect(matchesTime(in2023, sentenceTime("Twenty peacekeepers were killed."), "2023-06-10")).toBe(true);
    expect(matchesTime(in2023, sentenceTime("Twenty peacekeepers were killed."), "2019-06-10")).toBe(false);
  });

  it("does not let a cumulative figure answer a question about one year", () => {
    const in2023 = askedTime("How many peacekeepers were killed in 2023?")!;
    const since2013 = sentenceTime("Over 300 peacekeepers have been killed since 2013.");
    expect(matchesTime(in2023, since2013, "2023-08-01")).toBe(false);
    // ... but a count since the start of the asked year, in a document of that year, does.
    const in2021 = askedTime("How many IEDs were used in 2021?")!;
    expect(
      matchesTime(in2021, sentenceTime("Since January 2021, over 68 IEDs were used."), "2021-06-01"),
    ).toBe(true);
  });

  it("answers 'since' with counts that start no earlier than asked", () => {
    const since = askedTime("killed since 2013")!;
    expect(matchesTime(since, sentenceTime("Over 300 killed since 2013."), "2023-08-01")).toBe(true);
    expect(matchesTime(since, sentenceTime("In 2010, 5 were killed."), "2023-08-01")).toBe(false);
  });

  it("dates a sentence about an earlier year by that year, not by its document", () => {
    expect(eventDate(sentenceTime("In 2019, 125 peacekeepers had been killed."), "2024-02-01")).toBe(
      "2019-12-31",
    );
    expect(eventDate(sentenceTime("Over 300 killed since 2013."), "2023-08-01")).toBe("2023-08-01");
  });
});

describe("a year's count of events (a flow)", () => {
  it("is read from a count question about events over a whole year", () => {
    expect(askedTime("How many peacekeepers were killed in 2019?")?.flow).toBe(true);
    expect(askedTime("how many IED attacks were there in 2016")?.flow).toBe(true);
    // stocks, parts of a year and one event are not flows
    expect(askedTime("How many troops were deployed in 2014?")?.flow).toBeUndefined();
    expect(askedTime("How many civilians were killed in spring 2019?")?.flow).toBeUndefined();
    expect(askedTime("How many were killed in the first half of 2021?")?.flow).toBeUndefined();
    expect(askedTime("what was the death toll of the village killings in 2019")?.flow).toBeUndefined();
  });

  it("is answered only by a sentence that states its count for that year", () => {
    const flow = askedTime("How many peacekeepers were killed in 2019?")!;
    expect(matchesTime(flow, sentenceTime("In 2019, 27 peacekeepers were killed."), "2020-01-10")).toBe(true);
    expect(matchesTime(flow, sentenceTime("During 2019, 27 peacekeepers died."), "2020-01-10")).toBe(true);
    // one attack, dated by its document or by a day: not the year's count
    expect(
      matchesTime(flow, sentenceTime("An attack on Sunday killed 10 peacekeepers from Chad."), "2019-01-21"),
    ).toBe(false);
    expect(
      matchesTime(flow, sentenceTime("On 20 January 2019, 10 peacekeepers were killed."), "2019-01-21"),
    ).toBe(false);
    // a report of that year counting from a month of it
    expect(
      matchesTime(flow, sentenceTime("Since January, 13 peacekeepers had been killed."), "2019-06-30"),
    ).toBe(true);
    // a stock is still dated by its document
    const stock = askedTime("How many troops were deployed in 2014?")!;
    expect(matchesTime(stock, sentenceTime("Niger has about 850 troops in the force."), "2014-10-03")).toBe(
      true,
    );
  });
});

describe("the state at a point of a year ('by the end of 2014')", () => {
  it("is read from 'by', 'as of', 'as at' or 'at the end of' before a year, and is no year's count", () => {
    for (const question of [
      "How many peacekeepers had been killed by the end of 2014?",
      "peacekeepers killed as of 2015",
      "How many had died by early 2016?",
      "troops as at June 2020",
    ]) {
      expect(askedTime(question), question).toMatchObject({ kind: "in", asOf: true });
      expect(askedTime(question)?.flow, question).toBeUndefined();
    }
    expect(askedTime("How many peacekeepers were killed in 2014?")?.asOf).toBeUndefined();
    // a deadline's year that is not the asked one
    expect(askedTime("what was decided in 2013 to be done by 2014")?.asOf).toBeUndefined();
  });

  it("is answered by a running total stated in that year's document, not by one from another year", () => {
    const asked = askedTime("How many peacekeepers had been killed by the end of 2014?")!;
    const total = sentenceTime("Since July 2013, 33 peacekeepers have been killed in hostile acts.");
    expect(matchesTime(asked, total, "2014-12-22")).toBe(true);
    expect(matchesTime(asked, total, "2016-02-13")).toBe(false);
    // without 'by', a running total does not answer a year's question
    expect(matchesTime(askedTime("How many peacekeepers were killed in 2014?")!, total, "2014-12-22")).toBe(
      false,
    );
  });
});

describe("an event dated by a day or month of its document's time", () => {
  it("reads a month or weekday with no year as the document's time", () => {
    expect(sentenceTime("Peacekeepers left their camps in Tessalit on Oct. 21.").relative).toBe(10);
    expect(sentenceTime("In November, the army retook Kidal.").relative).toBe(11);
    expect(sentenceTime("Nine peacekeepers were killed on Friday.").relative).toBe(0);
    expect(sentenceTime("It met on 14 November 2021.").relative).toBeNull();
  });

  it("is about its document's year whatever years it names in passing", () => {
    const in2014 = askedTime("niger peacekeepers ambush 2014")!;
    const ambush = sentenceTime(
      "Nine peacekeepers were killed on Friday in the deadliest attack on the force since it deployed last year.",
    );
    // "the deadliest attack … since it deployed" ranks the event; it is no running total.
    expect(ambush.cumulative).toBe(false);
    expect(matchesTime(in2014, ambush, "2014-10-03")).toBe(true);
    // a month after the document's month is last year's: "In November" in a June 2024 review is 2023
    const in2023 = askedTime("who retook Kidal in 2023")!;
    const retaken = sentenceTime("In November, the army retook Kidal, held by the rebels since 2014.");
    expect(matchesTime(in2023, retaken, "2024-06-30")).toBe(true);
    expect(matchesTime(askedTime("who retook Kidal in 2024")!, retaken, "2024-06-30")).toBe(false);
  });

  it("never sets aside a sentence for a deadline after its document", () => {
    const in2021 = askedTime("which resolution renewed MINUSMA in 2021")!;
    const renewal = sentenceTime("The Council requested options on force levels by 15 July.");
    expect(matchesTime(in2021, renewal, "2021-06-29")).toBe(true);
  });
});
