/**
 * Text lexicons: how a resource whose codings are all unknown (an Epic or Oracle Health local code with a
 * display or text) is read by its words (data conventions; real-world codes, "Text lexicons"). Matching is
 * case-insensitive and on whole words: a letter or digit may not touch either end of a match ("MDT" is not
 * found in "MDTX", "LAR" not in "LARGE"). A fact read this way carries `matched: 'text:<words>'`.
 */

/** A compiled lexicon: one whole-word, case-insensitive pattern. */
export interface Lexicon {
  readonly pattern: RegExp;
  /** The same pattern with the `g` flag, for walking every match of a text. */
  readonly every: RegExp;
  /** When set, a match counts only if the same text also matches this (e.g. `MDM` beside a cancer word). */
  readonly context?: RegExp;
  /** When set, a text that matches this is not read by the lexicon (e.g. "cardiac" beside "ablation"). */
  readonly unless?: RegExp;
}

const BEFORE = '(?<![\\p{L}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{N}])';

/** Whole-word alternation of the given pattern sources (each a regular expression without anchors). */
export function words(...sources: string[]): RegExp {
  return new RegExp(`${BEFORE}(?:${sources.join('|')})${AFTER}`, 'iu');
}

export function lexicon(sources: string[], opts: { context?: RegExp; unless?: RegExp } = {}): Lexicon {
  const pattern = words(...sources);
  const every = new RegExp(pattern.source, 'giu');
  return { pattern, every, ...(opts.context ? { context: opts.context } : {}), ...(opts.unless ? { unless: opts.unless } : {}) };
}

function applies(t: string, lex: Lexicon): boolean {
  return (lex.context === undefined || lex.context.test(t)) && (lex.unless === undefined || !lex.unless.test(t));
}

/** Provenance `matched` value of a text reading. */
export function textMatched(words: string): string {
  return `text:${words}`;
}

// ---- Shared word sets ---------------------------------------------------------------------------------

/** A cancer word: what makes `MDM` or `RCP` a tumour board and not medical decision making. */
export const CANCER_CONTEXT = words(
  'cancers?', 'onco\\w*', 'onc', 'tumou?rs?', 'carcinomas?', 'malignan\\w*', 'colorectal', 'rectal',
  'metasta\\w*', 'neoplasms?', 'adenocarcinomas?',
);

/** A referral or request is planned, not done. */
export const REFERRAL_WORDS = words('referral', 'referred', 'refer', 'request(?:ed)?', 'consult request');

/** A negated mention ("declined hospice", "not for hospice", "no hospice") says the opposite. */
export const NEGATION_BEFORE = /\b(?:no|not|non|never|declined?|declines|refused?|refuses|without|ineligible)\b[^.;,]{0,20}$/i;

/** The first match of `lex` not preceded by a negation word in the same clause. */
export function matchAffirmed(texts: readonly string[], lex: Lexicon): string | undefined {
  for (const t of texts) {
    // Most texts do not mention the words at all: one test, before `matchAll` copies the pattern to walk the text.
    if (!lex.pattern.test(t) || !applies(t, lex)) continue;
    for (const m of t.matchAll(lex.every)) {
      if (!NEGATION_BEFORE.test(t.slice(0, m.index))) return m[0];
    }
  }
  return undefined;
}
