// "Where were the five Togolese peacekeepers killed?" is answered by "in central Mali" only vaguely; the
// answer a reader wants is the place phrase: "about 30 kilometres west of Sevare", "between Ménaka and
// Ansongo", "near Douentza". A sentence holding such a phrase (a distance from a named place, or near /
// outside / between / north of a named place) is preferred for "where", and a vaguer answer is given with the
// next sentence when that one holds it (answer.ts).

const DISTANCE =
  /\b\d[\d,.]*\s*(?:-\s*)?(?:kilometres|kilometers|kilometre|kilometer|km|miles|mile)\b(?:\s+(?:north|south|east|west|north-east|north-west|south-east|south-west|northeast|northwest|southeast|southwest))?\s+(?:of|from)\s+(?:the\s+)?(\p{Lu}[\p{L}’'-]+)/u;
const RELATION =
  /\b(?:near|outside|between|north of|south of|east of|west of|on the road between|on the outskirts of|in the (?:village|town|city|area|region) of)\s+(?:the\s+)?(\p{Lu}[\p{L}’'-]+)/u;

/**
 * Whether a sentence holds a precise place phrase whose place the question did not name itself (`asked`,
 * lower case): "about 30 kilometres west of Sevare", "between Ménaka and Ansongo", "near Douentza".
 */
export function precisePlace(sentence: string, asked: ReadonlySet<string>): boolean {
  for (const pattern of [DISTANCE, RELATION]) {
    const match = pattern.exec(sentence);
    if (match && !asked.has(match[1]!.toLowerCase())) return true;
  }
  return false;
}
