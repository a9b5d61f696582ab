// The answer model's numbers, all in one table, each with the reason it has the value it has. Nothing else in
// the answer path holds a weight or a threshold: rank.ts, answer.ts, query.ts and search.ts read them here.
// `npm run fit` searches the sentence weights and fits the confidence weights on the development library's
// `fit` questions, and reports the `held-out` ones (see README, "How answers are found").

interface Entry {
  value: number;
  why: string;
}

export const MODEL_TABLE = {
  // --- Which sentence answers: its score ------------------------------------------------------------------
  scoreCoverage: {
    value: 0.6,
    why: "the share of the question's concepts a sentence holds is most of what makes it the answer",
  },
  scoreTyped: {
    value: 0.2,
    why: "a sentence holding the kind of thing asked for (a number for 'how many') beats one that only matches words",
  },
  scoreNearCount: {
    value: 0.08,
    why: "for 'how many police', '1,920 police' beats '20 reports ... police': the count stands before the word",
  },
  scorePassage: {
    value: 0.1,
    why: "the passage's own search score (relative to the best) breaks ties between equally covering sentences",
  },
  scoreDensity: {
    value: 0.04,
    why: "a short sentence made of the question's words beats a long one that mentions them in passing",
  },
  scoreProminence: {
    value: 0.05,
    why: "the sentence that is about a thing names it early",
  },
  scoreProximity: {
    value: 0.04,
    why: "the question's words close together are one statement, far apart two",
  },
  scoreNearAnswer: {
    value: 0.08,
    why: "for 'when', the date next to the asked event's words ('to hold elections by 27 February 2022') beats a date elsewhere in the sentence, as a count before the counted word does; for 'who V', the doer named right at V ('Sidi Brahim Ould Sidati signed')",
  },
  nearAnswerWindow: {
    value: 6,
    why: "words either side of the asked event within which a date is taken for its date",
  },
  scoreAnchor: {
    value: 0.08,
    why: "a question naming something particular ('the Radisson Blu attack') is about the documents naming it: a sentence sharing its verbs in a document that never names it tells of another event",
  },
  scoreHeadline: {
    value: 0.06,
    why: "a keyword question naming an event or a place ('ogossagou') wants its headline fact, the toll: among sentences that name it as well, the one stating how many were killed or injured",
  },
  scoreReason: {
    value: 0.06,
    why: "a 'why' question is answered by a sentence giving a reason ('because of a deteriorating security situation') rather than one only sharing its words",
  },
  scoreThread: {
    value: 0.08,
    why: "a follow-up is about the thread's event: a sentence of the previous answer's document beats one elsewhere sharing a verb",
  },
  scoreThreadAfter: {
    value: 0.04,
    why: "within that document, the sentences after the previous answer usually carry the story on",
  },
  scoreThreadNext: {
    value: 0.04,
    why: "and the sentence right after the previous answer most often tells the next thing asked about the same event ('where did it happen?' after the lead)",
  },
  threadPassageBoost: {
    value: 1.25,
    why: "in retrieval, a passage of the document the thread's last answer cited is lifted so its sentences are scored",
  },
  neighbourShare: {
    value: 0.5,
    why: "what the sentences either side add counts at half: they give context, not the answer",
  },
  synonymCredit: {
    value: 0.85,
    why: "a glossary synonym meets a concept almost as well as the typed word; exact wording wins ties",
  },
  nationalityCredit: {
    value: 0.6,
    why: "a country's name meets its nationality ('Togo' for 'Togolese') as a weaker synonym: 'Chadian peacekeepers serve' is not answered by 'peacekeepers from Chad' killed in an attack",
  },
  acronymCredit: {
    value: 0.6,
    why: "a name spelling out the question's acronym ('African Union' for 'AU') meets it, less surely than the acronym itself: initials in any order can be another name's",
  },
  docYearCredit: {
    value: 0.5,
    why: "a year the question names is met fully by a sentence naming it, in part by a document of that year",
  },
  prominenceWindow: {
    value: 12,
    why: "content words before which a first mention still counts as early",
  },
  roleWindow: {
    value: 4,
    why: "words either side of a role ('Force Commander') within which a name is taken for its holder",
  },
  densityWords: {
    value: 6,
    why: "content words per question word at which a sentence stops counting as dense",
  },

  // --- How sure the bot is: confidence ---------------------------------------------------------------------
  confidenceCoverage: {
    value: 0.35,
    why: "coverage of every concept, the thread's included, with neighbours at half",
  },
  confidenceOwn: {
    value: 0.35,
    why: "coverage of the question's own words: a follow-up must be answered about what it adds",
  },
  confidencePassage: {
    value: 0.15,
    why: "the passage covering the question says the sentence is in the right place",
  },
  confidenceTyped: {
    value: 0.188,
    why: "holding the kind of answer asked for, counted only as far as the sentence is about what was asked",
  },
  confidenceAskedAbsent: {
    value: 0.08,
    why: "the asked thing ('staff' in 'how many civilian staff') nowhere in the passage: the sentence matched the other words; a penalty, not a cap, as the passage may word it otherwise ('uniformed personnel' for peacekeepers)",
  },
  capUntyped: {
    value: 0.45,
    why: "a question asking for a number, date or name that the sentence lacks is not answered: kept below the threshold",
  },
  capForeign: {
    value: 0.4,
    why: "a third of the question being a name no document uses (and no English word) means another subject",
  },
  foreignFactor: {
    value: 1.5,
    why: "an unknown non-English name weighs more than a common word: 'UNIFIL troop ceiling' is about UNIFIL",
  },
  foreignShare: {
    value: 1 / 3,
    why: "the share of the question's weight in unknown names above which it is about something else",
  },
  capAskedUnknown: {
    value: 0.45,
    why: "the thing a question asks about (its head noun: 'religion' in 'the main religion in Mali') that no document uses means the documents do not answer it, however well the other words match",
  },
  factConfidence: {
    value: 0.75,
    why: "a role question answered by a statement naming a holder of that very role, for the asked subject and period (roles/), is answered whatever its other words: above the threshold, below a sentence that matches every word",
  },
  roleRivalRanks: {
    value: 3,
    why: "a role answer from the statements yields to a newer sentence among this many best-ranked ones naming someone in the asked role: the reader misses wordings, and the ranking's top few hold the right holder when it does (deeper, sentences naming deputies and other offices take over)",
  },
  threshold: {
    value: 0.5,
    why: "below this the bot says it could not find the answer rather than guess",
  },

  // --- Query reading ----------------------------------------------------------------------------------------
  contextWeight: {
    value: 0.5,
    why: "a follow-up's borrowed concepts count half: the new words say what is asked",
  },
  swapWeight: {
    value: 1,
    why: "a swap follow-up ('and in 2019?' after 'how many displaced persons in 2017?') is the thread's question again: its kept words are the question's own (at the context weight 0.5 the year alone won: '3.2 million people need assistance in 2019'; below 1 they are not the question's own words and 'killed' no longer had to be in a count's sentence)",
  },
  referentWeight: {
    value: 0.75,
    why: "a pronoun's referent counts more than the thread's other words: 'when did he take power?' after 'who runs Mali now?' asks when Goïta took power, not when someone else did; less than the question's own words (at 1 a sentence would need the name itself, and 'Most recently, he was…' lost)",
  },
  specificityFloor: {
    value: 0.4,
    why: "a word found in every passage ('MINUSMA', 'Mali') still counts a little",
  },
  searchSynonym: {
    value: 0.7,
    why: "in retrieval a synonym pulls less than the typed word",
  },
  searchPhrase: {
    value: 0.8,
    why: "a multi-word synonym's words each pull less, as each alone is weaker evidence",
  },
  passages: {
    value: 8,
    why: "passages whose sentences are scored: enough for a rival figure from another document, few enough to stay fast",
  },
  newerPassages: {
    value: 8,
    why: "for a figure with no period asked, the next passages are scored too when their document is newer than every one kept: the newest statement must reach the ranking to win",
  },

  // --- Threads: a bare event keyword and its follow-ups (src/core/conversation/) --------------------------
  eventTitleCover: {
    value: 0.5,
    why: "a document whose title holds at least half of a bare keyword's weight ('Kerena attack' in '…killed, 27 injured in attack…') is the event's own story; a report's title ('situation in Mali') holds none",
  },
  eventLeadShare: {
    value: 0.75,
    why: "the event story's lead answers a bare keyword when it scores at least this share of the best sentence: a news lead says what happened, a later sentence or a recap shares more words but tells less",
  },

  threadPassages: {
    value: 3,
    why: "a follow-up's best passages in each of the thread's documents are scored even when other documents outrank them in the search: the story's own sentence first",
  },
  heldIntoYears: {
    value: 1,
    why: "'who was prime minister in 2020?' between a holder's last statement and a successor's later appointment: a holder last said to hold it the year before is taken to have held on into the year; from further back someone unnamed may have come between (a 2014 statement and a 2019 appointment say nothing of 2018)",
  },
  sameEventDays: {
    value: 14,
    why: "'who was behind it?' when the thread's story names no one: a later story naming the thread's place within this many days of it tells the same event ('JNIM claimed Tuesday's ambush near Tessit' three days on); a month on it is as likely another attack there",
  },
  storyPassages: {
    value: 3,
    why: "'what happens after that?' is told in the next passages of the thread's document whatever their words ('After 31 December, the Mission will begin…'); 'what did he do before?' in the ones before: this many are read",
  },
  measurePassages: {
    value: 2,
    why: "passages that count the asked thing (measures.ts) added to the ranked ones: the newest statements (or the period's); 2, 3 and 4 answer the library alike, and each adds its sentences to the ranking",
  },
  measureScan: {
    value: 40,
    why: "newest passages counting the asked thing that are checked against the question's other words",
  },
  measureCoverage: {
    value: 0.4,
    why: "share of the question's weight such a passage must hold besides counting the asked thing: 'on the ground' may be worded otherwise, and 'MINUSMA' is seldom repeated in a report's paragraph",
  },
  measureRivalScore: {
    value: 0.65,
    why: "... and scores at least this share of the best's score: a passage found by its count (measures.ts) has no search score of its own to add; also how near a count of what serves must score to replace a sentence stating only a ceiling (fits.ts)",
  },
  measureRivalCoverage: {
    value: 0.5,
    why: "two sentences that both count the asked thing state one figure: the newer answers though it holds fewer of the question's other words than the best ('412,000' alone against a long preamble)",
  },

  namesScore: {
    value: 0.8,
    why: "'what were the names of …?' is answered by a sentence naming a person or group (names.ts) when it scores at least this share of the best, which may only describe them ('the gunmen who stormed the hotel'); with none, the question is refused",
  },
  shareScore: {
    value: 0.8,
    why: "'what share of the vote did X get?' is answered by a sentence stating X's share (share.ts) when it scores at least this share of the best, which may state a rival's share with more of the question's words",
  },
  listShare: {
    value: 0.75,
    why: "a 'what X' question ('what capabilities is MINUSMA still missing?') is answered by a sentence naming the instances of X ('gaps include A, B and C', instances.ts) when it scores at least this share of the best, which may only say X ('gaps in the Mission's capabilities') with more of the question's words",
  },

  eventRecapShare: {
    value: 0.6,
    why: "when the best sentence is a later document's look back at the keyword's year ('since coups in 2020 and 2021'), a story dated in that year wins at this lower share: the recap shares the keyword's words, the story tells the event",
  },

  // --- Choosing between documents: time and subject -----------------------------------------------------
  rivalCoverage: {
    value: 0.75,
    why: "a sentence of another document answers as well when it covers at least this share of what the best covers",
  },
  rivalScore: {
    value: 0.8,
    why: "... and scores at least this share of the best's score",
  },
  nearTie: {
    value: 0.97,
    why: "outside figures and role holders a newer document wins only a near tie",
  },
  impliedNamePassages: {
    value: 12,
    why: "a name of the question's own in at most this many passages, all outside the home subject's documents, names their subject ('gaskinde' names Burkina Faso); a commoner word says too little",
  },
  subjectShare: {
    value: 0.35,
    why: "a document is about a mission or country it names in at least this share of the passages of its most-named one",
  },
} satisfies Record<string, Entry>;

export type TuningKey = keyof typeof MODEL_TABLE;

/** The table's values, read on the answer path. */
export const TUNING: Record<TuningKey, number> = Object.fromEntries(
  Object.entries(MODEL_TABLE).map(([key, entry]) => [key, entry.value]),
) as Record<TuningKey, number>;

/** Replaces some values for a search of better ones (`npm run fit`); returns a function that restores them. */
export function withTuning(values: Partial<Record<TuningKey, number>>): () => void {
  const saved = { ...TUNING };
  Object.assign(TUNING, values);
  return () => Object.assign(TUNING, saved);
}
