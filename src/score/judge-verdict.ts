import { compactText } from './normalize.js';

/** A judge's verdict: the score in [0, 1], the judge's reason, and which form it was read from. */
export interface Verdict {
  value: number;
  reason: string | null;
  form: 'json' | 'ratio' | 'score' | 'word';
}

const SCORE_KEYS = ['score', 'rating', 'grade', '评分', '分数', '得分'];
const VERDICT_KEYS = [
  'verdict',
  'passed',
  'pass',
  'correct',
  'result',
  'judgement',
  'judgment',
  '结论',
  '判定',
  '结果',
];
const REASON_KEYS = ['reason', 'reasoning', 'explanation', 'rationale', '理由', '原因', '解释'];
const LABEL = '(?:score|rating|grade|评分|分数|得分|打分)';
const POSITIVE_WORDS = new Set([
  'pass',
  'passed',
  'correct',
  'right',
  'yes',
  'true',
  '正确',
  '正確',
  '通过',
  '對',
  '对',
  '是',
]);
const NEGATIVE_WORDS = new Set([
  'fail',
  'failed',
  'incorrect',
  'wrong',
  'no',
  'false',
  '错误',
  '錯誤',
  '不正确',
  '不正確',
  '不通过',
  '未通过',
  '不对',
  '否',
]);

/**
 * A number on the scale the prompt asks for (integers 0–10), or on 0–1 when it
 * is written as a decimal no greater than 1 (`0.8`, `1.0`). `denominator`
 * comes from forms like `7/10` or `4 out of 5`. Null when out of range.
 */
export function toUnitScore(options: { number: number; raw: string; denominator?: number }): number | null {
  const { number, raw, denominator } = options;
  if (!Number.isFinite(number) || number < 0) return null;
  if (denominator !== undefined) return denominator > 0 && number <= denominator ? number / denominator : null;
  if (raw.includes('.') && number <= 1) return number;
  return number <= 10 ? number / 10 : null;
}

function wordValue(word: string): number | null {
  const folded = word
    .trim()
    .toLowerCase()
    .replace(/[.!。！*_"'`]+$/u, '')
    .replace(/^[*_"'`]+/u, '');
  if (POSITIVE_WORDS.has(folded)) return 1;
  if (NEGATIVE_WORDS.has(folded)) return 0;
  return null;
}

function pickKey(object: Record<string, unknown>, keys: string[]): { key: string; value: unknown } | null {
  for (const [key, value] of Object.entries(object)) {
    if (keys.includes(key.toLowerCase())) return { key, value };
  }
  return null;
}

/** Balanced `{...}` spans of a text, innermost first, in one pass; quotes count only inside braces. */
function objectSpans(text: string): string[] {
  const spans: string[] = [];
  const opens: number[] = [];
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index += 1;
      else if (character === '"') inString = false;
    } else if (character === '"' && opens.length > 0) inString = true;
    else if (character === '{') opens.push(index);
    else if (character === '}' && opens.length > 0) spans.push(text.slice(opens.pop(), index + 1));
  }
  return spans;
}

function fromObject(span: string): Verdict | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(span);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const object = parsed as Record<string, unknown>;
  const reasonEntry = pickKey(object, REASON_KEYS);
  const reason = typeof reasonEntry?.value === 'string' ? reasonEntry.value : null;
  const scoreEntry = pickKey(object, SCORE_KEYS);
  if (scoreEntry) {
    const value = scoreValue(scoreEntry, span);
    if (value !== null) return { value, reason, form: 'json' };
  }
  const verdictEntry = pickKey(object, VERDICT_KEYS);
  if (verdictEntry) {
    const value =
      typeof verdictEntry.value === 'boolean'
        ? verdictEntry.value
          ? 1
          : 0
        : typeof verdictEntry.value === 'string'
          ? wordValue(verdictEntry.value)
          : null;
    if (value !== null) return { value, reason, form: 'json' };
  }
  return null;
}

function scoreValue(entry: { key: string; value: unknown }, span: string): number | null {
  if (typeof entry.value === 'number') {
    // JSON.parse turns `1.0` into 1: read the digits as written to tell the 0–1 scale from 0–10.
    const escaped = entry.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const raw =
      new RegExp(`"${escaped}"\\s*:\\s*(-?[\\d.]+(?:e[+-]?\\d+)?)`, 'i').exec(span)?.[1] ?? String(entry.value);
    return toUnitScore({ number: entry.value, raw });
  }
  if (typeof entry.value === 'string') return fromScoreText(`score: ${entry.value}`)?.value ?? null;
  return null;
}

function fromScoreText(text: string): Verdict | null {
  const ratio = new RegExp(
    `${LABEL}\\s*[:：=]?\\s*\\**\\s*(\\d+(?:\\.\\d+)?)\\s*(?:分\\s*)?(?:/|out\\s+of|满分)\\s*(\\d+(?:\\.\\d+)?)`,
    'iu',
  ).exec(text);
  if (ratio) {
    const value = toUnitScore({ number: Number(ratio[1]), raw: ratio[1], denominator: Number(ratio[2]) });
    return value === null ? null : { value, reason: null, form: 'ratio' };
  }
  const bareRatio = /^\s*\**\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+)\s*\**\s*$/m.exec(text);
  if (bareRatio) {
    const value = toUnitScore({ number: Number(bareRatio[1]), raw: bareRatio[1], denominator: Number(bareRatio[2]) });
    return value === null ? null : { value, reason: null, form: 'ratio' };
  }
  const labelled = new RegExp(`${LABEL}\\s*[:：=]\\s*\\**\\s*(\\d+(?:\\.\\d+)?)(?![\\d.]|\\s*/)`, 'iu').exec(text);
  if (labelled) {
    const value = toUnitScore({ number: Number(labelled[1]), raw: labelled[1] });
    return value === null ? null : { value, reason: null, form: 'score' };
  }
  return null;
}

function fromWords(text: string): Verdict | null {
  const labelled =
    /(?:verdict|judge?ment|decision|result|grade|结论|判定|评判|判断|结果)\s*[:：]\s*\**\s*([A-Za-z]+|不正确|不正確|不通过|未通过|不对|正确|正確|错误|錯誤|通过|对)/giu;
  const verdicts = [...text.matchAll(labelled)].map((match) => wordValue(match[1])).filter((value) => value !== null);
  if (verdicts.length > 0) return { value: verdicts[verdicts.length - 1] as number, reason: null, form: 'word' };
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const lastLine = lines.length > 0 ? wordValue(lines[lines.length - 1]) : null;
  if (lastLine !== null) return { value: lastLine, reason: null, form: 'word' };
  // Anywhere in the text, but only when just one polarity appears.
  const positive =
    /\bPASS(?:ED)?\b|(?<!\bnot\s+|n't\s+|\bnot\s+entirely\s+|partially\s+|partly\s+|mostly\s+|almost\s+)\bcorrect\b|(?<![不未分])正确|(?<![不未])通过/iu.test(
      text.replace(/\bpass(?:ed)?\b/g, ''),
    );
  const negative =
    /\bFAIL(?:ED)?\b|(?<!partially\s+|partly\s+)(?:\bincorrect\b|\bwrong\b)|\bnot\s+correct\b|(?<!部分)(?:不正确|错误)|不通过|未通过/iu.test(
      text.replace(/\bfail(?:ed)?\b/g, ''),
    );
  if (positive !== negative) return { value: positive ? 1 : 0, reason: null, form: 'word' };
  return null;
}

/** The reply without `<think>…</think>` blocks, in one pass. */
function withoutThinking(reply: string): string {
  let kept = '';
  let position = 0;
  for (let open = reply.indexOf('<think>'); open >= 0; open = reply.indexOf('<think>', position)) {
    const close = reply.indexOf('</think>', open);
    if (close < 0) break;
    kept += reply.slice(position, open);
    position = close + '</think>'.length;
  }
  return kept + reply.slice(position);
}

/**
 * Reads a judge's reply, most explicit form first: a JSON object
 * (`{"score": 7, "reason": …}`, also fenced, or with `verdict`/`passed`), a
 * ratio (`SCORE: 7/10`, `评分：8/10`), a labelled score (`Score: 7`), then
 * verdict words (`Verdict: correct`, `PASS`/`FAIL`, `正确`/`错误`, used only
 * when a single polarity appears). A `<think>` block is ignored. Null when no
 * verdict can be read: the caller reports that, it never guesses.
 */
export function parseVerdict(reply: string): Verdict | null {
  const text = compactText(withoutThinking(reply.normalize('NFKC'))).trim();
  const spans = objectSpans(text);
  // The last few objects are enough: a verdict comes at the end, and this bounds the parsing work.
  for (let index = spans.length - 1; index >= Math.max(0, spans.length - 50); index -= 1) {
    const verdict = fromObject(spans[index]);
    if (verdict) return verdict;
  }
  return fromScoreText(text) ?? fromWords(text);
}
