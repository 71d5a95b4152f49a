import { compactText } from './normalize.js';

/** How a letter was found: an explicit statement, the start of the answer, a bracketed letter, or a lone letter. */
export type ChoiceSource = 'stated' | 'leading' | 'bracketed' | 'lone';

/** The outcome of reading an option letter from free text. */
export type ChoiceReading =
  | { letter: string; source: ChoiceSource }
  /** Two or more different letters were asserted as the answer: no guess is made. */
  | { letter: null; conflicting: string[] }
  | { letter: null; conflicting: null };

/** Options of `readChoice`: the last option letter (`D` for four options, up to `J`). */
export interface ChoiceOptions {
  lastLetter?: string;
}

const OPEN = '[(\\[【「]';
const CLOSE = '[)\\]】」]';
const WORD_AFTER = '(?![A-Za-z0-9])';

/** `answer` → `[Aa][Nn]…`: words match in any case while option letters stay upper-case only. */
function anyCase(words: string): string {
  return words.replace(/[a-z]/g, (letter) => `[${letter.toUpperCase()}${letter}]`);
}

/** Builds the per-range patterns once per last letter. */
function buildPatterns(last: string): {
  stated: RegExp[];
  leading: RegExp;
  listLine: RegExp;
  bracketed: RegExp;
  lone: RegExp;
} {
  const upper = `A-${last}`;
  const lower = `a-${last.toLowerCase()}`;
  const either = `([${upper}${lower}])`;
  // Lower-case letters count in Chinese phrasing and inside brackets, where they cannot be English words.
  const token = `(?:${OPEN}\\s*([${upper}${lower}])\\s*${CLOSE}|\\**\\s*([${upper}])\\s*\\**${WORD_AFTER})`;
  const verb = `(?:${anyCase('is')}|${anyCase('would be')}|${anyCase('should be')}|${anyCase('will be')})`.replace(
    / /g,
    '\\s+',
  );
  const stated = [
    new RegExp(
      `答案\\s*(?:应该是|应是|应为|應為|应选|就是|是|为|為|选|選)?\\s*[:：]?\\s*(?:选项|選項)?\\s*${OPEN}?\\s*\\**${either}${WORD_AFTER}`,
      'gu',
    ),
    new RegExp(`(?<!不)(?:选择|選擇|选|選)\\s*${OPEN}?\\s*${either}${WORD_AFTER}`, 'gu'),
    new RegExp(
      `(?:选项|選項)\\s*(?:应该是|应是|应为|應為|就是|是|为|為)\\s*[:：]?\\s*${OPEN}?\\s*\\**${either}${WORD_AFTER}`,
      'gu',
    ),
    // `B正确` only after a break or a connective: `维生素C正确` and `37°C正确` are not choices.
    new RegExp(
      `(?:^|(?<=[\\s,，。；;:：、(\\[【]|故|所以|因此|即|则|选项|選項))([${upper}])\\s*(?:项|項|选项|選項)?\\s*(?:是|为|為)?\\s*(?:正确|正確|符合题意)`,
      'gmu',
    ),
    new RegExp(
      `\\b${anyCase('(?:answer|option|choice)')}\\s*(?:${verb}\\s*[:=]?|[:=])\\s*${anyCase('(?:option|choice)')}?\\s*${token}`,
      'gu',
    ),
    new RegExp(`(?<![A-Za-z])${token}\\s*${verb}\\s+(?:the\\s+)?(?:correct|right|best|answer)\\b`, 'gu'),
    new RegExp(
      `\\b${anyCase('(?:choose|chose|pick|select|go with)')}\\s+${anyCase('(?:option |choice )')}?${token}`.replace(
        / /g,
        '\\s+',
      ),
      'gu',
    ),
  ];
  // `A cat ...` and `I think ...` are English words, not options: a leading letter must be followed by punctuation or a non-word.
  // A bracketed letter at the start, `(B)`, counts with the other bracketed letters, so `(A) or (C)` is a conflict.
  const leading = new RegExp(
    `^[\\s*_#>]*(?:([${upper}])(?=\\s*(?:[.)、:：,，。*]|$|\\s+[^\\sa-z]))|([${lower}])(?=\\s*(?:[.)、:：]|$)))`,
    'u',
  );
  const listLine = new RegExp(`^\\s*([${upper}])\\s*[.)、:：]`, 'gmu');
  const bracketed = new RegExp(`${OPEN}\\s*([${upper}${lower}])\\s*${CLOSE}|\\*\\*([${upper}])\\*\\*`, 'gu');
  const lone = new RegExp(`(?<![A-Za-z0-9'’])([${upper}])(?![A-Za-z0-9'’])`, 'gu');
  return { stated, leading, listLine, bracketed, lone };
}

const cache = new Map<string, ReturnType<typeof buildPatterns>>();

function patternsFor(lastLetter: string): ReturnType<typeof buildPatterns> {
  const last = lastLetter.toUpperCase();
  if (!/^[A-J]$/.test(last) || last < 'B')
    throw new RangeError(`lastLetter must be a letter from B to J, got '${lastLetter}'`);
  let patterns = cache.get(last);
  if (!patterns) {
    patterns = buildPatterns(last);
    cache.set(last, patterns);
  }
  return patterns;
}

function letterOf(match: RegExpMatchArray): string | null {
  for (let index = 1; index < match.length; index += 1) {
    if (match[index] !== undefined) return match[index].toUpperCase();
  }
  return null;
}

function lettersOf(text: string, regexes: RegExp[]): string[] {
  const letters = new Set<string>();
  for (const regex of regexes) {
    for (const match of text.matchAll(regex)) {
      const letter = letterOf(match);
      if (letter) letters.add(letter);
    }
  }
  return [...letters];
}

/** Lone capital letters, leaving out the English words `A` and `I` (`A cat`, `I think`). */
function loneLetters(text: string, regex: RegExp): string[] {
  const letters = new Set<string>();
  for (const match of text.matchAll(regex)) {
    const end = (match.index ?? 0) + 1;
    if ((match[1] === 'A' || match[1] === 'I') && /^\s+[a-z]/.test(text.slice(end, end + 3))) continue;
    letters.add(match[1]);
  }
  return [...letters];
}

function decide(letters: string[], source: ChoiceSource): ChoiceReading | null {
  if (letters.length === 0) return null;
  if (letters.length > 1) return { letter: null, conflicting: letters.sort() };
  return { letter: letters[0], source };
}

/**
 * Reads the option letter a free-text answer chose, strongest evidence first:
 * a statement (`答案：B`, `答案是B`, `选B`, `正确答案为 B`, `B项正确`,
 * `The answer is (B)`, `I choose B`), then a letter opening the answer
 * (`B.`, `B、`, a lone `b`), then bracketed or bold letters anywhere
 * (`(B)`, `（B）`, `**B**`), then a single lone capital letter. Within the strongest kind that
 * is present, two different letters are a conflict and no letter is returned.
 * Full-width letters and brackets are folded by NFKC first.
 */
export function readChoice(text: string, options: ChoiceOptions = {}): ChoiceReading {
  const patterns = patternsFor(options.lastLetter ?? 'D');
  const normalized = compactText(text.normalize('NFKC'));
  const stated = decide(lettersOf(normalized, patterns.stated), 'stated');
  if (stated) return stated;
  const listed = new Set([...normalized.matchAll(patterns.listLine)].map((match) => match[1]));
  // An answer that repeats the option list (`A. …\nB. …`) does not choose by its first line.
  if (listed.size < 2) {
    const leading = normalized.match(patterns.leading);
    const letter = leading ? letterOf(leading) : null;
    if (letter) return { letter, source: 'leading' };
  }
  const bracketed = decide(lettersOf(normalized, [patterns.bracketed]), 'bracketed');
  if (bracketed) return bracketed;
  if (listed.size >= 2) return { letter: null, conflicting: [...listed].sort() };
  const lone = decide(loneLetters(normalized, patterns.lone), 'lone');
  return lone ?? { letter: null, conflicting: null };
}

/** The option letter a free-text answer chose (see `readChoice`), or null when none or conflicting. */
export function extractChoice(text: string, options: ChoiceOptions = {}): string | null {
  return readChoice(text, options).letter;
}

/** The letter an expected value names: a lone letter A–J, else a letter read from the text. */
export function expectedChoice(expected: string): string | null {
  const trimmed = expected.normalize('NFKC').trim();
  if (/^[A-Ja-j]$/.test(trimmed)) return trimmed.toUpperCase();
  return extractChoice(trimmed, { lastLetter: 'J' });
}

/** 1 when the answer chose the expected letter (options A–D, widened to the expected letter). */
export function choiceMatch(options: { answer: string; expected: string; lastLetter?: string }): number {
  const expected = expectedChoice(options.expected);
  if (expected === null) return 0;
  const last = options.lastLetter ?? 'D';
  const lastLetter = [expected, last].sort()[1];
  return extractChoice(options.answer, { lastLetter }) === expected ? 1 : 0;
}
