import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanText, isWebChrome, repairWords, stripDateline } from "../../../src/core/knowledge/clean.ts";
import { splitSentences } from "../../../src/core/knowledge/sentences.ts";

const pdfExport = readFileSync(new URL("../../fixtures/s-2021-520-pdf-export.txt", import.meta.url), "utf8");
const webExport = readFileSync(new URL("../../fixtures/trt-web-export.txt", import.meta.url), "utf8");

describe("cleanText on the PDF export of S/2021/520", () => {
  const cleaned = cleanText(pdfExport);
  const lines = cleaned.split("\n");

  it("drops the running header and the page numbers", () => {
    expect(lines).not.toContain("S/2021/520");
    expect(cleaned).not.toMatch(/\d\/7 21-06844/u);
    expect(cleaned).not.toContain("21-06844");
  });

  it("repairs words split by extraction", () => {
    expect(cleaned).toContain("local counterparts, including");
    expect(cleaned).toContain("deployment of the contingents");
    expect(cleaned).toContain("self-defence groups");
    expect(cleaned).toContain("in-mission training");
    expect(cleaned).toContain("integrated response that addresses");
    expect(cleaned).toContain("personnel with the appropriate mindset");
    expect(cleaned).toContain("for immunization programmes");
    for (const broken of ["th e ", "counterp arts", "self -defence", "wi th", "respons e", "immuniza tion"]) {
      expect(cleaned).not.toContain(broken);
    }
  });

  it("joins lines broken mid-paragraph and keeps one paragraph a line", () => {
    expect(cleaned).toContain(
      "In Gao region, Operation Seka of MINUSMA is under way to secure, protect and stabilize the road between Gao, Ansongo and Labézanga, a key strategic trade and travel route",
    );
    expect(cleaned).toContain("Stabilization Mission in Mali (MINUSMA), by which the Council requested me");
    expect(cleaned).not.toMatch(/\n{3,}/u);
  });

  it("turns the section titles into headings", () => {
    for (const heading of [
      "Progress in Mission operations",
      "Implementation of the adaptation plan",
      "Mission performance",
      "Challenges",
      "Troop rotations",
    ]) {
      expect(lines).toContain(`## ${heading}`);
    }
  });

  it("keeps a suspended hyphen and drops link annotations", () => {
    expect(cleaned).toContain("gender- and human rights-sensitive");
    expect(cleaned).not.toContain("https://undocs.org/en/S/2021/300");
  });

  it("changes nothing when run again", () => {
    expect(cleanText(cleaned)).toBe(cleaned);
  });
});

describe("cleanText on a news page copied as text", () => {
  const cleaned = cleanText(webExport);

  it("drops page chrome and the caption teaser", () => {
    expect(cleaned).not.toMatch(/^READ MORE/mu);
    expect(cleaned).not.toMatch(/^Source: AFP$/mu);
    expect(cleaned).not.toMatch(/^The term$/mu);
  });

  it("drops the photo caption that ends with the agency's credit", () => {
    expect(cleaned).not.toContain("(AFP)");
    expect(cleaned).not.toContain('The term "partners" in the report');
    expect(cleaned).toMatch(/civilian population"\.\n\nThe UN secretary-general/u);
  });

  it("recognises a sub-heading", () => {
    expect(cleaned.split("\n")).toContain("## Human rights concerns");
  });
});

describe("cleanText on hand-written Markdown", () => {
  it("keeps headings and joins a hard-wrapped paragraph", () => {
    const text =
      "# Overview\n\nThe mission deployed 300 police\nto the centre in 2019.\n\nA second paragraph.";
    expect(cleanText(text)).toBe(
      "## Overview\n\nThe mission deployed 300 police to the centre in 2019.\n\nA second paragraph.",
    );
  });

  it("joins a word hyphenated across lines, but keeps a compound", () => {
    expect(cleanText("The Secretary-General met the peace-\nkeeping partners.")).toBe(
      "The Secretary-General met the peacekeeping partners.",
    );
    expect(cleanText("Several troop-\ncontributing countries agreed.")).toBe(
      "Several troop-contributing countries agreed.",
    );
  });
});

describe("repairWords", () => {
  it("leaves two real words and proper nouns alone", () => {
    expect(repairWords("he went in to the camp")).toBe("he went in to the camp");
    expect(repairWords("Ansongo Bara road")).toBe("Ansongo Bara road");
    expect(repairWords("the Mission’s exercise of good offices")).toBe(
      "the Mission’s exercise of good offices",
    );
  });

  it("joins fragments of one word", () => {
    expect(repairWords("with th e local counterp arts")).toBe("with the local counterparts");
  });
});

describe("cleanText on arbitrary input", () => {
  it("never throws and never leaves control characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => {
        const cleaned = cleanText(text);
        expect(cleaned).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/u);
      }),
      { numRuns: 300 },
    );
  });
});

describe("cleanText on the first page of a UN PDF", () => {
  it("drops the job number with its date code, its barcode and the recycling note", () => {
    const page = "The Council met.\n21-06844 (E)    030621\n*2106844*\nPlease recycle\nIt adopted the text.";
    expect(cleanText(page)).toBe("The Council met.\n\nIt adopted the text.");
  });

  it("keeps a sentence that only starts like a job number", () => {
    expect(cleanText("21-06844 (E) was the job number of the letter.")).toBe(
      "21-06844 (E) was the job number of the letter.",
    );
  });
});

describe("cleanText on long inputs", () => {
  it("joins 20,000 hyphenated lines in one paragraph without slowing down", () => {
    const cleaned = cleanText("peace-\nkeeping-\n".repeat(10_000));
    expect(cleaned.startsWith("peacekeeping-peacekeeping")).toBe(true);
    expect(cleaned.split("\n")).toHaveLength(1);
  });
});

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");

/** Every sentence of the cleaned text's paragraphs (headings apart), as the answer path reads them. */
function sentencesOf(cleaned: string): string[] {
  return cleaned
    .split("\n\n")
    .filter((block) => !block.startsWith("## "))
    .flatMap((block) => splitSentences(block));
}

describe("cleanText on a Security Council press release copied from the web", () => {
  const cleaned = cleanText(fixture("press-release-web-export.txt"));
  const lines = cleaned.split("\n");

  it("drops the masthead, the symbol, the date and the meeting line", () => {
    for (const chrome of [
      "Skip to main content",
      "Meetings Coverage",
      "SC/15353",
      "30 June 2023",
      "9350th",
    ]) {
      expect(cleaned).not.toContain(chrome);
    }
    expect(cleaned).not.toMatch(/Meeting \(AM\)/u);
    expect(cleaned).not.toContain("Not an official record");
  });

  it("makes the title-case title and subtitle headings, and the lead its own paragraph", () => {
    expect(lines).toContain(
      "## Security Council Terminates Mandate of United Nations Mission in Mali, Unanimously Adopting Resolution 2690 (2023)",
    );
    expect(lines).toContain("## Text Calls for Orderly, Safe Withdrawal of Peacekeepers by 31 December");
    expect(lines).toContain("## Statements");
    expect(sentencesOf(cleaned)[0]).toMatch(/^The Security Council today decided to terminate the mandate/u);
  });

  it("glues no heading into a sentence", () => {
    for (const sentence of sentencesOf(cleaned)) {
      expect(sentence).not.toMatch(/Terminates Mandate|Calls for Orderly|^Statements|Meeting/u);
    }
  });

  it("changes nothing when run again", () => {
    expect(cleanText(cleaned)).toBe(cleaned);
  });
});

describe("cleanText on a UN News page copied from the web", () => {
  const cleaned = cleanText(fixture("un-news-web-export.txt"));

  it("drops navigation, share buttons, photo credit and caption, date, topic, by-line and related links", () => {
    for (const chrome of [
      "Skip to main content",
      "Global perspective",
      "Facebook",
      "UN Photo",
      "on patrol near Timbuktu",
      "15 December 2023",
      "Peace and Security",
      "Jane Doe",
      "UN News",
      "READ MORE",
      "Related Stories",
      "come under fire",
      "Share this",
      "UN News app",
    ]) {
      expect(cleaned).not.toContain(chrome);
    }
  });

  it("keeps the title as a heading, a real subheading, and the story's sentences whole", () => {
    const lines = cleaned.split("\n");
    expect(lines[0]).toBe("## Mali: last UN peacekeepers leave Timbuktu base");
    expect(lines).toContain("## A transition with no security vacuum");
    expect(sentencesOf(cleaned)[0]).toBe(
      "The last convoy of United Nations peacekeepers left the Timbuktu camp on Thursday, handing the base over to the Malian authorities, the UN mission in Mali said.",
    );
    expect(sentencesOf(cleaned)).toContain(
      '"We are leaving with a sense of duty accomplished," said the head of the mission, El-Ghassim Wane.',
    );
  });

  it("changes nothing when run again", () => {
    expect(cleanText(cleaned)).toBe(cleaned);
  });
});

describe("cleanText on a wire story copied from the web", () => {
  const cleaned = cleanText(fixture("wire-story-web-export.txt"));
  const sentences = sentencesOf(cleaned);

  it("makes the sentence-case headline a heading and drops the by-line, times and sign-off", () => {
    expect(cleaned.split("\n")[0]).toBe(
      "## UN peacekeepers pull out of Ber base in northern Mali amid fighting",
    );
    for (const chrome of [
      "John Smith",
      "min read",
      "PM UTC",
      "Advertisement",
      "Reporting by",
      "Our Standards",
    ]) {
      expect(cleaned).not.toContain(chrome);
    }
  });

  it("takes the dateline off the lead sentence and drops the photo caption with its credit", () => {
    expect(sentences[0]).toMatch(/^United Nations peacekeepers pulled out of a base near Ber/u);
    expect(cleaned).not.toContain("BAMAKO");
    expect(cleaned).not.toContain("REUTERS/Stringer");
    expect(sentences).toHaveLength(3);
  });

  it("changes nothing when run again", () => {
    expect(cleanText(cleaned)).toBe(cleaned);
  });
});

describe("stripDateline", () => {
  it("removes the datelines of the wire services and UN offices", () => {
    for (const [line, rest] of [
      ["BAMAKO, Aug 14 (Reuters) - United Nations peacekeepers left.", "United Nations peacekeepers left."],
      ["BAMAKO, Mali (AP) — Gunmen killed 20 people.", "Gunmen killed 20 people."],
      ["Bamako (AFP) - Gunmen killed 20 people.", "Gunmen killed 20 people."],
      ["GAO, Mali — The camp was shelled.", "The camp was shelled."],
      [
        "Bamako, 14 August 2023 – The Mission completed its withdrawal.",
        "The Mission completed its withdrawal.",
      ],
    ]) {
      expect(stripDateline(line!)).toBe(rest);
    }
  });

  it("leaves a sentence that opens on an acronym and a dash alone", () => {
    expect(stripDateline("MINUSMA — the Mission — left Ber early.")).toBe(
      "MINUSMA — the Mission — left Ber early.",
    );
    expect(stripDateline("Mali, a landlocked country — it borders seven.")).toBe(
      "Mali, a landlocked country — it borders seven.",
    );
  });
});

describe("isWebChrome", () => {
  it("knows by-lines, date lines, meeting lines, credits and share rows", () => {
    for (const line of [
      "By Jane Doe",
      "By John Smith and Amadou Diallo",
      "Wednesday, 14 August 2023",
      "August 14, 2023 4:32 PM UTC Updated 2 hours ago",
      "9350th Meeting (AM)",
      "Security Council 9351st Meeting (PM)",
      "SG/SM/21861",
      "UN Photo/Marco Dormino",
      "Facebook Twitter Print Email",
      "3 min read",
    ]) {
      expect(isWebChrome(line), line).toBe(true);
    }
  });

  it("keeps sentences that only start like them", () => {
    for (const line of [
      "By December 2023, the Mission had left.",
      "By the end of the year, all bases were closed.",
      "May 2023 saw the worst attacks.",
      "The AP reported 20 dead.",
      "## By Jane Doe",
    ]) {
      expect(isWebChrome(line), line).toBe(false);
    }
  });
});

describe("cleanText is idempotent on page-shaped text", () => {
  const line = fc.oneof(
    fc.constantFrom(
      "By Jane Doe",
      "UN News",
      "15 December 2023",
      "9350th Meeting (AM)",
      "SC/15353",
      "READ MORE",
      "Related Stories",
      "UN Photo/Harandane Dicko",
      "Security Council Terminates Mandate of United Nations Mission in Mali",
      "Statements",
      "Peace and Security",
      "BAMAKO, Aug 14 (Reuters) - The convoy left Gao.",
      "The Security Council today extended the mandate of the Mission.",
      "the Mission's troop ceiling of 13,289 and",
      "Peacekeepers on patrol in Gao",
      "  An indented paragraph opens here",
      "(a) Protection of civilians;",
      "## Background",
      "",
    ),
    fc.lorem({ maxCount: 12, mode: "words" }),
    fc.lorem({ maxCount: 3, mode: "sentences" }),
  );
  it("changes nothing on a second pass", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), (lines) => {
        const once = cleanText(lines.join("\n"));
        expect(cleanText(once)).toBe(once);
      }),
      { numRuns: 400 },
    );
  });
});

describe("cleanText on the shapes of the development library", () => {
  it("drops a date line with the site's section, a mission's photo credit, mastheads and link lists", () => {
    const page = [
      "DR Congo: Security Council extends MONUSCO",
      "19 December 2023 Peace and Security",
      "Facebook Twitter Print Email",
      "Peacekeepers on patrol near Sake, North Kivu. MONUSCO/Michael Ali",
      "The Security Council on Tuesday extended the mandate of the mission for one year.",
      "Read Next",
      "Mali's junta sets February 2024 date for presidential election",
      "Our Standards: The Thomson Reuters Trust Principles.",
    ].join("\n\n");
    expect(cleanText(page)).toBe(
      "## DR Congo: Security Council extends MONUSCO\n\nThe Security Council on Tuesday extended the mandate of the mission for one year.",
    );
  });

  it("keeps a date that ends a sentence wrapped onto its own line", () => {
    const pdf =
      "A new Government was formed on\n\n5 May.\n\n 3. On 2 May, the Government signed an agreement.";
    expect(cleanText(pdf)).toBe(
      "A new Government was formed on 5 May.\n\n3. On 2 May, the Government signed an agreement.",
    );
  });

  it("makes a long press release title in title case a heading", () => {
    const title =
      "Security Council Renews Mandate of Mission in Mali for One Year, Adopting Resolution 2640 (2022) by 13 Votes in Favour, 2 Abstentions";
    expect(cleanText(`${title}\n\nThe Security Council today extended the mandate of the Mission.`)).toBe(
      `## ${title}\n\nThe Security Council today extended the mandate of the Mission.`,
    );
  });
});
