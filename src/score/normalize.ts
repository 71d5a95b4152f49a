// biome-ignore lint/suspicious/noControlCharactersInRegex: tab, line feed and carriage return count as printable here.
const PRINTABLE_ASCII = /^[\x09\x0a\x0d\x20-\x7e]*$/;

/**
 * Normalises text for comparison: NFKC (full-width letters, digits and
 * punctuation become their ASCII forms), lower case, collapsed white space,
 * and trailing sentence punctuation removed.
 */
export function normalizeText(text: string): string {
  // NFKC leaves printable ASCII as it is, and it is the costly step: skip it for such text.
  return (
    (PRINTABLE_ASCII.test(text) ? text : text.normalize('NFKC'))
      .toLowerCase()
      // Every run of white space becomes one space; a lone space (most of them) is not matched, which makes this ten times faster than /\s+/.
      .replace(/ \s+|[^\S ]\s*/g, ' ')
      .trim()
      .replace(/[.。!！?？]+$/u, '')
      .trim()
  );
}

/**
 * Bounds the work answer-reading patterns do on degenerate model output (a
 * reply that is 30,000 spaces or asterisks): runs of horizontal white space
 * become one space, white space around line breaks one newline, and a symbol
 * repeated more than four times four copies (so `####` survives). Words and
 * digits are kept.
 */
export function compactText(text: string): string {
  return text
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n\s*/g, '\n')
    .replace(/([^\p{L}\p{N}\s])\1{4,}/gu, '$1$1$1$1');
}
