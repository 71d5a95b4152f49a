const LETTER = '([A-Da-d])';
// Letters written in full-width form are folded by NFKC before matching.
const PATTERNS: RegExp[] = [
  new RegExp(`答案\\s*(?:是|为|應為|应为)?\\s*[：:]?\\s*[(（]?${LETTER}(?![A-Za-z])`, 'u'),
  new RegExp(`选(?:择|項|项)?\\s*[(（]?${LETTER}(?![A-Za-z])`, 'u'),
  new RegExp(`answer\\s*(?:is|:)?\\s*(?:option\\s*)?[(（]?${LETTER}(?![A-Za-z])`, 'iu'),
  new RegExp(`^\\s*[(（]?${LETTER}(?:[).、:：。\\s]|$)`, 'u'),
  new RegExp(`[(（]${LETTER}[)）]`, 'u'),
];

/**
 * The option letter (A–D) a free-text answer chose: `答案：B`, `选B`,
 * `The answer is (B)`, `B. ...`, `(B)`, or a lone letter. Null when none is found.
 */
export function extractChoice(text: string): string | null {
  const normalized = text.normalize('NFKC');
  for (const pattern of PATTERNS) {
    const match = normalized.match(pattern);
    if (match) return match[1].toUpperCase();
  }
  const lone = normalized.match(/(?<![A-Za-z])([A-D])(?![A-Za-z])/g);
  return lone ? lone[lone.length - 1] : null;
}

/** 1 when the answer chose the expected letter. */
export function choiceMatch(options: { answer: string; expected: string }): number {
  const expected = extractChoice(options.expected);
  return expected !== null && extractChoice(options.answer) === expected ? 1 : 0;
}
