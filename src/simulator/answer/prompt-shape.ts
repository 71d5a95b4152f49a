/** Cheap facts about a prompt's shape that decide how an answer looks. */

const optionLine = /^\s*\(?([A-J])\s*[.、:：)）]/;

/** The option letters of a multiple-choice prompt (`A.` / `B、` / `(C)` lines), or null when it has fewer than two. */
export function optionLetters(prompt: string): string[] | null {
  const letters: string[] = [];
  for (const line of prompt.split('\n')) {
    const match = optionLine.exec(line);
    if (match && !letters.includes(match[1])) letters.push(match[1]);
  }
  return letters.length >= 2 ? letters.sort() : null;
}

/** True when the prompt is mostly written in Chinese (any CJK ideograph counts). */
export function isChinese(prompt: string): boolean {
  return /[\u4e00-\u9fff]/.test(prompt);
}

/** True when the prompt asks for a GSM8K-style `#### <number>` final line. */
export function wantsHashAnswer(prompt: string): boolean {
  return prompt.includes('####');
}

/**
 * Normalises text for question matching: whitespace runs become one space,
 * and the offsets where the original lines started are kept.
 */
export function normaliseLines(text: string): { text: string; lineStarts: number[] } {
  let normalised = '';
  const lineStarts: number[] = [];
  for (const line of text.split('\n')) {
    const collapsed = line.replace(/\s+/g, ' ').trim();
    if (collapsed.length === 0) continue;
    if (normalised.length > 0) normalised += ' ';
    lineStarts.push(normalised.length);
    normalised += collapsed;
  }
  return { text: normalised, lineStarts };
}

/** Whitespace-normalised text on one line. */
export function normaliseText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
