import { describe, expect, it } from "vitest";
import { withoutAcknowledgement } from "../../../src/core/conversation/chatter.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";
import { askThread } from "../../helpers/thread.ts";

describe("an acknowledgement before a thread's next question", () => {
  it("is no word of the question", () => {
    expect(withoutAcknowledgement("ok, and what about the drone strikes in Kidal?")).toBe(
      "and what about the drone strikes in Kidal?",
    );
    expect(withoutAcknowledgement("Thanks. Who claimed it?")).toBe("Who claimed it?");
    expect(withoutAcknowledgement("okay so who led it?")).toBe("so who led it?");
  });

  it("is left alone when it is the whole message or part of the question", () => {
    expect(withoutAcknowledgement("thanks!")).toBe("thanks!");
    expect(withoutAcknowledgement("right of return for refugees")).toBe("right of return for refugees");
  });
});

// A thread about an ambush; the next message opens with "ok" and asks about another event, told in another
// story: it is a new topic, answered from that story, and "who carried them out?" then asks about it.
const files = {
  "2018-10-03-ambush.md": doc(
    { title: "Three peacekeepers killed in ambush near Tessit", source: "Wire", date: "2018-10-03" },
    "Three peacekeepers were killed on Tuesday when their convoy ran into an ambush between Ansongo and Tessit, the mission said.\n\n" +
      "On Wednesday, the Islamic State in the Greater Sahara said its fighters had carried out the ambush.",
  ),
  "2019-11-05-drones.md": doc(
    { title: "Drone strikes kill fighters near Kidal", source: "Wire", date: "2019-11-05" },
    "French forces carried out two drone strikes near Kidal over the weekend, killing about a dozen fighters, the army said on Tuesday.\n\n" +
      "The strikes targeted a group preparing an attack on an army post, a spokesman said.",
  ),
};

describe("a new topic in a thread", async () => {
  const kb = await openKnowledgeBase(await knowledgeFolder(files));

  it("is answered from its own story, and the thread moves to it", () => {
    const [, drones, who] = askThread(kb, [
      "Tessit convoy ambush",
      "ok, and what about the drone strikes in Kidal?",
      "who carried them out?",
    ]);
    expect(drones!.text).toContain("two drone strikes near Kidal");
    expect(who!.text).toContain("French forces carried out");
    expect(who!.text).not.toContain("Islamic State");
  });
});
