import { personIn } from "../answer/roles/phrases.ts";
import { type Gender, pronounGender } from "./referent.ts";

// Biography follow-ups after a person answer: "who did he replace?", "what job did he have before?", "where did
// he study?". An appointment note tells these near the person's name in its own words ("Mr. Wane succeeds…",
// "Most recently, he was…", "holds a master's degree…"), which share none of the asked words: the question is
// read as asking for a kind of sentence about the thread's person, and the cue words below say which.

/**
 * What a biography follow-up asks about the thread's person: the one they followed in the post ("predecessor"),
 * an earlier post ("earlier"), their studies ("education"); "background" asks for either of the last two.
 */
export type BiographyAsk = "predecessor" | "successor" | "earlier" | "education" | "background";

// The question's words for each ask. "before" alone ("what did he do before?") is relative time's (see
// relative-time.ts): it asks for an earlier post too, and is read here only with a job word.
const ASKS: Array<[BiographyAsk, RegExp]> = [
  // "Who replaced him?", "who took over from her?", "his successor": the one who came after the person.
  [
    "successor",
    /\b(?:(?:replaced|succeeded|(?:took|takes|has taken) over from|followed|came after) (?:him|her)|successors?)\b/iu,
  ],
  [
    "predecessor",
    /\b(?:replac(?:e|ed|es|ing)|succeed(?:ed|s)?|predecessors?|(?:take|took|taken) over from|preceded|came before (?:him|her))\b/iu,
  ],
  [
    "education",
    /\b(?:stud(?:y|ied|ies)|educat(?:ed|ion)|degrees?|universit(?:y|ies)|graduat(?:e|ed)|schools?|schooling|trained|training|qualifications?|diplomas?)\b/iu,
  ],
  [
    "earlier",
    /\b(?:what did (?:he|she) do before|(?:job|post|position|role|work|career|experience)s?\b.*\b(?:before|previous(?:ly)?|earlier|prior|last)|(?:previous|former|last|earlier|prior|old) (?:jobs?|posts?|positions?|roles?|work)|career|(?:where|what) did (?:he|she) work)\b/iu,
  ],
  ["background", /\b(?:background|biography|who is (?:he|she)\b.*\bbefore)\b/iu],
];

/**
 * The words of a biography question that name what is asked rather than the sentence's words ("replace",
 * "study", "job", "background"): they are dropped from the search, the cue stands for them.
 */
export const BIOGRAPHY_WORDS =
  /^(?:replac\w*|succeed\w*|successor\w*|predecessor\w*|follow\w*|preced\w*|take|took|taken|stud\w*|educat\w*|degree\w*|universit\w*|graduat\w*|school\w*|train\w*|qualification\w*|diploma\w*|job\w*|post|posts|position\w*|role\w*|work\w*|career\w*|experience\w*|background\w*|biograph\w*|previous\w*|former|prior|earlier|before)$/iu;

/** What a question asks about the thread's person, or null when it asks no biography. */
export function biographyAsk(question: string): BiographyAsk | null {
  for (const [ask, pattern] of ASKS) if (pattern.test(question)) return ask;
  return null;
}

// How a document tells each: the one followed in the post (or that one leaving it: "X, who had served as prime
// minister since 2021, was fired on Wednesday" after "a day after dismissing his predecessor"), an earlier post,
// studies.
const PREDECESSOR =
  /\b(?:succeed(?:s|ed|ing)|replac(?:es|ed|ing)|(?:takes|took|taking|take) over from|(?:following|follows|followed|after) the departure of|in place of|predecessor|outgoing|who (?:completed|ended|finished) (?:his|her) (?:assignment|term|tenure|mandate)|(?:was|were|been) (?:fired|dismissed|sacked|removed|ousted|relieved of)|resign(?:ed|s)|stepped down|left (?:the|his|her|that) (?:post|office|job))\b/iu;
const EARLIER =
  /\b(?:(?:had|has) been (?:an? |the )?(?:[\p{Ll}-]+ ){0,2}(?:minister|director|head|chief|commander|ambassador|spokes(?:man|woman|person)|governor|president|secretary|advis[eo]r|representative|envoy|officer|deputy|coordinator)|previously|most recently|formerly|an? former|before (?:that|this|his|her|joining|being|becoming|taking)|prior to (?:this|his|her|joining|that)|had served|has served|served as|was (?:serving|working) as|held (?:senior )?(?:positions?|posts?)|career|(?:from|between) (?:19|20)\d\d (?:to|and|until) (?:19|20)\d\d)\b/iu;
const EDUCATION =
  /\b(?:holds? an? (?:[\p{L}'’-]+ ){0,3}(?:degree|diploma|doctorate)|degrees?|graduated|graduate of|alumn(?:us|a)|studied|educated|diploma|doctorate|Ph\.? ?D|master['’]s|bachelor['’]?s?|universit(?:y|é)|military academy|war college|staff college)\b/iu;

/** Whether a sentence tells what a biography question asks ("Mr. Wane succeeds Mahamat Saleh Annadif…"). */
export function tellsBiography(ask: BiographyAsk, sentence: string): boolean {
  if (ask === "predecessor" || ask === "successor") return PREDECESSOR.test(sentence);
  if (ask === "education") return EDUCATION.test(sentence);
  if (ask === "earlier") return EARLIER.test(sentence);
  return EDUCATION.test(sentence) || EARLIER.test(sentence);
}

/**
 * Whether a sentence is about the person: it names them (their last name: "Mr. Wane holds…") or opens with a
 * pronoun in a passage that names them ("He takes over from…", "Most recently, he was…"). "Joanne Adamson, who has served as…" in the
 * same note is another's post. In a document about the person (`inTheirDocument`: the note that announced
 * them), a sentence that opens with a pronoun of their gender is theirs though its paragraph does not name
 * them: "Prior to this appointment, she was Director…", "She holds a doctorate…" further down the note.
 */
export function aboutPerson(
  sentence: string,
  passage: string,
  person: string,
  inTheirDocument = false,
  gender: Gender | null = null,
): boolean {
  const names = (text: string) => namesPerson(text, person);
  if (names(sentence)) return true;
  // "The new premier, a colonel promoted to general in October, had been minister of …" in the story of his
  // appointment: the newcomer the document is about.
  if (inTheirDocument && NEWCOMER.test(sentence)) return true;
  if (!/\b(?:he|she|his|her)\b/iu.test(sentence)) return false;
  if (names(passage)) return true;
  if (!inTheirDocument) return false;
  const opening = OPENING_PRONOUN.exec(sentence);
  if (!opening?.[1]) return false;
  return gender === null || pronounGender(opening[1]) === gender;
}

// A pronoun among a sentence's first words, with no name before it ("Prior to this appointment, she was…",
// "Earlier in her career she…", "She holds…"): the sentence goes on about whoever the paragraph is about.
/**
 * Whether a text names the person by their last name, not a namesake's: "Choguel Kokalla Maiga" is not General
 * Abdoulaye Maiga, "Prime Minister Maiga" or "Abdoulaye Maiga" may be.
 */
export function namesPerson(text: string, person: string): boolean {
  const words = person.split(/\s+/u);
  const last = (words.at(-1) ?? person).toLowerCase();
  const given = new Set(words.slice(0, -1).map((word) => word.toLowerCase()));
  const lower = text.toLowerCase();
  for (let at = lower.indexOf(last); at >= 0; at = lower.indexOf(last, at + 1)) {
    const after = lower[at + last.length];
    if (after !== undefined && /\p{L}/u.test(after)) continue;
    if (at > 0 && /\p{L}/u.test(lower[at - 1]!)) continue;
    const before = /([\p{L}'’.-]+)\s+$/u.exec(text.slice(0, at))?.[1];
    // Another given name before it ("Choguel Kokalla Maiga"); a title or office is no name ("General Maiga").
    const namesake =
      before !== undefined &&
      /^\p{Lu}/u.test(before) &&
      !given.has(before.toLowerCase()) &&
      (personIn(`${before} ${text.slice(at, at + last.length)}`)?.split(/\s+/u).length ?? 0) > 1;
    if (!namesake) return true;
  }
  return false;
}

const NEWCOMER = /^(?:The|Its|Their) (?:new|newly[- ](?:appointed|named)|incoming) [\p{Ll}-]+\b/u;
const OPENING_PRONOUN =
  /^(?:[\p{Lu}][\p{Ll}'’-]*\s+|[\p{Lu}][\p{Ll}'’-]*,\s+)?(?:[\p{Ll}\d'’-]+,?\s+){0,6}?([Hh]e|[Ss]he|[Hh]is|[Hh]er)\b/u;

/**
 * Whether the person stands after the sentence's succession verb: "Mr. Wane succeeds Mahamat Saleh Annadif"
 * has Annadif as the one replaced. "Who did he replace?" wants the person before the verb (or a pronoun for
 * them); "who replaced him?" wants them after it.
 */
export function replacedIn(sentence: string, person: string): boolean {
  const last = (person.split(/\s+/u).pop() ?? person).toLowerCase();
  const match = PREDECESSOR.exec(sentence);
  if (!match) return false;
  return sentence
    .slice(match.index + match[0].length)
    .toLowerCase()
    .includes(last);
}

/**
 * The answer a biography follow-up asks for, among the ranked sentences: the best one about the person in the
 * thread's documents or another that names them (the note that announced them) that tells it and still holds
 * what is asked (a name for "who did he replace?"). Null when none does, and the question is answered as any
 * other follow-up.
 */
export function biographyAnswer<
  C extends { sentence: string; typed: boolean; hit: { passage: { text: string; doc: { id: string } } } },
>(
  candidates: C[],
  ask: BiographyAsk,
  person: string,
  theirDocument: (docId: string) => boolean = () => false,
  gender: Gender | null = null,
): C | null {
  return (
    candidates.find(
      (candidate) =>
        candidate.typed &&
        tellsBiography(ask, candidate.sentence) &&
        aboutPerson(
          candidate.sentence,
          candidate.hit.passage.text,
          person,
          theirDocument(candidate.hit.passage.doc.id),
          gender,
        ) &&
        (ask === "successor"
          ? replacedIn(candidate.sentence, person)
          : ask !== "predecessor" || !replacedIn(candidate.sentence, person)),
    ) ?? null
  );
}

/**
 * Why a biography follow-up's answer is no answer, or null when it is one: no sentence about the person told
 * what was asked, and the best sentence tells no such thing either ("where did he study?" answered by
 * "succeeding Lieutenant General X").
 */
export function untoldBiography(
  ask: BiographyAsk | null,
  person: string | undefined,
  told: unknown,
  sentence: string | undefined,
): string | null {
  if (!ask || !person || told || sentence === undefined || tellsBiography(ask, sentence)) return null;
  return `no sentence tells ${person}'s ${ASK_NAMES[ask]}`;
}

const ASK_NAMES: Record<BiographyAsk, string> = {
  predecessor: "predecessor",
  successor: "successor",
  earlier: "earlier posts",
  education: "studies",
  background: "background",
};
