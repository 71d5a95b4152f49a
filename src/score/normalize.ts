/**
 * Normalises text for comparison: NFKC (full-width letters, digits and
 * punctuation become their ASCII forms), lower case, collapsed white space,
 * and trailing sentence punctuation removed.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.。!！?？]+$/u, '')
    .trim();
}
