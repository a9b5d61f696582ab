import { describe, expect, it } from "vitest";
import {
  fitsRelativeTime,
  relativeAnswer,
  relativeTime,
} from "../../../src/core/conversation/relative-time.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";
import { askThread } from "../../helpers/thread.ts";

describe("time placed against the thread's event", () => {
  it("reads 'by then', 'after that' and 'before' and leaves a year to the period", () => {
    expect(relativeTime("how many had been killed by then?")).toEqual({ kind: "by", text: "by then" });
    expect(relativeTime("what happens after that?")).toEqual({ kind: "after", text: "after that" });
    expect(relativeTime("and what happened next?")?.kind).toBe("after");
    expect(relativeTime("what did he do before?")).toEqual({ kind: "before", text: "before" });
    expect(relativeTime("what was he doing previously")?.kind).toBe("before");
    expect(relativeTime("what was the troop ceiling before 2016?")).toBeNull();
    expect(relativeTime("who led it?")).toBeNull();
  });

  it("a sequel opens with a sequencing word; an earlier post is told as one", () => {
    const after = relativeTime("what happens after that?")!;
    expect(fitsRelativeTime(after, "After 31 December, the Mission will begin a liquidation phase.")).toBe(
      true,
    );
    expect(fitsRelativeTime(after, "Until 30 September, the Mission may respond to threats.")).toBe(false);
    const before = relativeTime("what did he do before?")!;
    expect(fitsRelativeTime(before, "Most recently, he was Chief of Staff of the Department.")).toBe(true);
    expect(fitsRelativeTime(before, "He holds a master's degree from the University of Paris.")).toBe(false);
  });
});

const files = {
  "2023-06-30-termination.md": doc(
    { title: "Council terminates the mission's mandate", source: "UN", date: "2023-06-30" },
    [
      "The Council terminated the mandate of the mission, which must complete its withdrawal by 31 December 2023.",
      "",
      "Until 30 September, the mission may protect civilians near its bases.",
      "After 31 December, the mission will begin a liquidation phase.",
      "",
      "The representative of France said the Council had no choice.",
    ].join("\n"),
  ),
  "2021-03-05-appointment.md": doc(
    { title: "Wane appointed head of the mission", source: "UN", date: "2021-03-05" },
    [
      "The Secretary-General announced the appointment of El-Ghassim Wane as head of the mission.",
      "",
      "Mr. Wane brings more than 25 years of experience in peace and security.",
      "Most recently, he was Chief of Staff of the Department of Peace Operations.",
    ].join("\n"),
  ),
  "2014-10-03-ambush.md": doc(
    { title: "Nine peacekeepers killed in ambush", source: "Wire", date: "2014-10-03" },
    [
      "Nine peacekeepers were killed on Friday when gunmen ambushed their convoy, in the deadliest attack on the force since it was deployed.",
      "",
      "The deaths bring to at least 31 the number of peacekeepers killed since the mission took over in July 2013.",
    ].join("\n"),
  ),
  "2023-06-30-toll.md": doc(
    { title: "Mission toll", source: "UN", date: "2023-06-30" },
    "Since 2013, 310 peacekeepers have been killed in the service of the mission.",
  ),
};

describe("the sentence a relative time picks", () => {
  const after = relativeTime("and how many were killed after that?")!;
  const sentence = (text: string, typed: boolean, thread: number) => ({
    sentence: text,
    typed,
    parts: { thread },
  });

  it("is a sequel after the previous answer that still holds what is asked", () => {
    const untyped = sentence("After the attack, the mission reinforced the camp.", false, 0.75);
    const counted = sentence("Following the attack, 12 more peacekeepers were killed.", true, 0.75);
    const before = sentence("After an earlier raid, 3 were killed.", true, 0.5);
    expect(relativeAnswer([untyped, before, counted], after)).toBe(counted);
    expect(relativeAnswer([untyped, before], after)).toBeNull();
  });
});

describe("a follow-up with a relative time", async () => {
  const kb = await openKnowledgeBase(await knowledgeFolder(files));

  it("'after that' is what the thread's document tells next, though it shares none of the thread's words", () => {
    const [, after] = askThread(kb, [
      "when must the mandate termination withdrawal be complete?",
      "what happens after that?",
    ]);
    expect(after!.text).toContain("liquidation phase");
  });

  it("'before' is the earlier post the thread's person held", () => {
    const [, before] = askThread(kb, ["El-Ghassim Wane appointment", "what did he do before?"]);
    expect(before!.text).toContain("Chief of Staff");
  });

  it("'by then' in a question that asks no count leaves the thread's sentences to answer", () => {
    const [, what] = askThread(kb, [
      "nine peacekeepers killed in ambush",
      "what had happened to the convoy by then?",
    ]);
    expect(what!.text).toContain("gunmen ambushed their convoy");
  });

  it("'by then' is the running total as of the thread's event, not a later document's", () => {
    const [, total] = askThread(kb, [
      "nine peacekeepers killed in ambush",
      "how many peacekeepers had been killed by then?",
    ]);
    expect(total!.text).toContain("at least 31");
    expect(total!.citations.map((c) => c.doc.id)).toEqual(["2014-10-03-ambush"]);
  });
});
