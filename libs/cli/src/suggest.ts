/** "Did you mean" suggestions for misspelt keys, projects and commands (Levenshtein distance). */
import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `word`, if it is close enough to be a plausible typo: an edit distance of
 * at most max(2, a third of the word's length), or one that differs only by case or `-` vs `_`.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/-/g, '_');
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    const d = norm(c) === norm(word) ? 0 : distance(word, c);
    if (d < bestDist) {
      bestDist = d;
      best = c;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best !== undefined && bestDist <= limit ? best : undefined;
}

/** ` (did you mean "x"?)` or, when nothing is close, ` (expected one of: a, b, c)` for short lists. */
export function suggestion(word: string, candidates: readonly string[], quote = (s: string) => `"${s}"`): string {
  const near = closest(word, candidates);
  if (near !== undefined) return ` (did you mean ${quote(near)}?)`;
  if (candidates.length === 0) return '';
  if (candidates.length <= 12) return ` (expected one of: ${candidates.map(quote).join(', ')})`;
  return '';
}
