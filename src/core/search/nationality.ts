import { createRequire } from "node:module";
import { buildGlossary, type Glossary } from "./glossary.ts";
import { tokenize } from "./terms.ts";

// A nationality and its country are one thing to a reader: "Togolese peacekeepers" are the "peacekeepers from
// Togo", "Ivorian soldiers" the "soldiers from Ivory Coast", "the British" are "Britain". The documents use
// either form, questions the other, so each country's names and its nationality adjective are searched together,
// like a glossary group. The data is general English, for every country: ISO 3166 names with their common
// aliases (i18n-iso-countries: "Côte d'Ivoire", "Ivory Coast"; "United Kingdom", "UK", "Great Britain") and the
// nationality adjective of each code (i18n-nationality: "Ivorian", "British"). Only the English JSON files are
// read, once, on the first question.

interface CountryNames {
  locale: string;
  countries: Record<string, string | string[]>;
}
interface NationalityNames {
  locale: string;
  nationalities: Record<string, string>;
}

/**
 * Short names news copy uses that the ISO aliases lack: "Britain" for the United Kingdom, "America" for the
 * United States, "Holland" for the Netherlands.
 */
const SHORT_NAMES: Record<string, string[]> = {
  GB: ["Britain"],
  US: ["America"],
  NL: ["Holland"],
};

/** Names that are a common English word in a question ("tell us"): never taken for a country. */
const NOT_A_NAME = new Set(["us", "u.s", "u.s.", "u.s.a", "u.s.a."]);

/** A nationality written with a parenthesis names a territory ("French (French Guiana)"); see below. */
const PARENTHESIS = /\s*\(.*\)\s*$/u;

/**
 * The groups of names for each country: its names, its aliases and its nationality adjective ("Togo",
 * "Togolese"). A country whose nationality is its own name (territories: "Bermuda") has no group. A nationality
 * given with a parenthesis ("French (French Guiana)") joins its country's group only when the bare adjective
 * belongs to no other country: "Congolese" joins both Congos, "French" stays with France.
 */
export function nationalityGroups(countries: CountryNames, nationalities: NationalityNames): string[][] {
  const plain = new Set(Object.values(nationalities.nationalities).filter((name) => !PARENTHESIS.test(name)));
  const byAdjective = new Map<string, Set<string>>();
  for (const [code, raw] of Object.entries(nationalities.nationalities)) {
    const adjective = raw.replace(PARENTHESIS, "");
    if (PARENTHESIS.test(raw) && plain.has(adjective)) continue;
    if (/[,-]/u.test(adjective) && adjective.includes(" ")) continue; // "Bosnian - Herzegovinian"
    const entry = countries.countries[code];
    const names = [...(Array.isArray(entry) ? entry : entry ? [entry] : []), ...(SHORT_NAMES[code] ?? [])];
    const usable = names.filter((name) => !NOT_A_NAME.has(name.toLowerCase()) && tokenize(name).length > 0);
    if (usable.length === 0 || usable.some((name) => name.toLowerCase() === adjective.toLowerCase()))
      continue;
    const group = byAdjective.get(adjective) ?? new Set<string>();
    for (const name of usable) group.add(name);
    byAdjective.set(adjective, group);
  }
  return [...byAdjective].map(([adjective, names]) => [adjective, ...names]);
}

let cached: Glossary | undefined;
let byFirstKey: Map<string, Glossary> | undefined;

/**
 * The nationality groups a name starting with this word (a glossary key) may open: a question's words are
 * looked up here, one Map lookup each, instead of trying all 500 groups at every word.
 */
export function nationalityGroupsFor(firstKey: string): Glossary | undefined {
  if (!byFirstKey) {
    byFirstKey = new Map();
    for (const group of nationalityGlossary().groups) {
      for (const key of new Set(group.keys.map((k) => k[0]).filter((k): k is string => k !== undefined))) {
        const entry = byFirstKey.get(key) ?? { groups: [], examples: [], subject: null };
        entry.groups.push(group);
        byFirstKey.set(key, entry);
      }
    }
  }
  return byFirstKey.get(firstKey);
}

/**
 * The nationality groups as a glossary, read from the packages' English data once per process. A nationality
 * typed in a question also searches its country's names ("Togolese" finds "Togo"); a country's name searches
 * its other names ("Russia" finds "Russian Federation") but not the adjective: "in Mali" is about the country,
 * and every "Malian" of the documents would answer it (measured on the library: a loss).
 */
export function nationalityGlossary(): Glossary {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const countries = require("i18n-iso-countries/langs/en.json") as CountryNames;
    const nationalities = require("i18n-nationality/langs/en.json") as NationalityNames;
    const groups = nationalityGroups(countries, nationalities);
    const adjectives = buildGlossary(groups, []).groups.map((group) => ({
      ...group,
      // Only the adjective opens the group: an empty key never matches.
      keys: group.keys.map((key, n) => (n === 0 ? key : [])),
    }));
    // A country with one name still needs its group, or its adjective's shorter key would win: "Central
    // African Republic" read as "Central African" + "republic". A group of one name is given twice (a glossary
    // group needs two); the repeat adds no alternative.
    const names = buildGlossary(
      groups.map((group) => (group.length === 2 ? [group[1]!, group[1]!] : group.slice(1))),
      [],
    ).groups;
    cached = { groups: [...adjectives, ...names], examples: [], subject: null };
  }
  return cached;
}

let capitals: Map<string, string> | undefined;

/**
 * A country's capital, by any of the country's names ("Senegal" -> "Dakar", "Ivory Coast" ->
 * "Yamoussoukro"), from the countries-list data; null for a name that is no country. A sentence saying where
 * something is stuck in "Dakar" is about Senegal.
 */
export function capitalOf(country: string): string | null {
  if (!capitals) {
    const require = createRequire(import.meta.url);
    const names = require("i18n-iso-countries/langs/en.json") as CountryNames;
    const { countries } = require("countries-list") as { countries: Record<string, { capital?: string }> };
    capitals = new Map();
    for (const [code, entry] of Object.entries(names.countries)) {
      const capital = countries[code]?.capital;
      if (!capital) continue;
      for (const name of Array.isArray(entry) ? entry : [entry]) capitals.set(name.toLowerCase(), capital);
      for (const name of SHORT_NAMES[code] ?? []) capitals.set(name.toLowerCase(), capital);
    }
  }
  return capitals.get(country.toLowerCase()) ?? null;
}
