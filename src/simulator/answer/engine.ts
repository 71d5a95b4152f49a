import { hash32 } from '../random.js';
import { findArithmetic, formatNumber } from './arithmetic.js';
import { accuracyFor, answersCorrectly } from './correctness.js';
import type { KnowledgeBase, KnownAnswer } from './knowledge.js';
import { fillerText, reasoningText } from './phrases.js';
import { isChinese, optionLetters, wantsHashAnswer } from './prompt-shape.js';

/** What a simulated model says: its answer and, when it thinks, its reasoning. */
export interface ComposedAnswer {
  content: string;
  reasoning: string | null;
}

/** Everything the answer depends on. */
export interface AnswerInput {
  /** User, system and developer text of the request, joined by newlines. */
  prompt: string;
  model: string;
  /** Overall accuracy on known questions. */
  accuracy: number;
  /** Accuracy by group value (subject or category of the known question); see `accuracyFor`. */
  accuracyByGroup?: Readonly<Record<string, number>>;
  /** Whether the model thinks on this request. */
  thinks: boolean;
  knowledge: KnowledgeBase;
}

function wrongNumber(value: string, hash: number): string {
  const number = Number(value);
  const integer = Number.isInteger(number);
  const moves = [1, -1, 2, -2, 10, -10, 5, -3];
  const move = moves[hash % moves.length];
  let wrong = hash % 5 === 0 && integer && number !== 0 ? number * 2 : number + move;
  if (wrong === number) wrong = number + 1;
  return formatNumber(wrong);
}

function wrongLetter(correct: string, letters: readonly string[], hash: number): string {
  const others = letters.filter((letter) => letter !== correct);
  const pool = others.length > 0 ? others : ['A', 'B', 'C', 'D'].filter((letter) => letter !== correct);
  return pool[hash % pool.length];
}

function letterAnswer(letter: string, chinese: boolean): string {
  return chinese ? `答案：${letter}` : `The answer is ${letter}.`;
}

function numberAnswer(value: string, chinese: boolean): string {
  const worked = chinese
    ? `根据题目中的数量逐步计算，得到结果 ${value}。`
    : `Working through the quantities step by step gives ${value}.`;
  return `${worked}\n#### ${value}`;
}

function knownAnswerText(options: {
  answer: KnownAnswer;
  correct: boolean;
  prompt: string;
  hash: number;
  chinese: boolean;
}): string {
  const { answer, correct, hash, chinese } = options;
  if (answer.kind === 'number') return numberAnswer(correct ? answer.value : wrongNumber(answer.value, hash), chinese);
  if (answer.kind === 'letter') {
    const letters = optionLetters(options.prompt) ?? ['A', 'B', 'C', 'D'];
    return letterAnswer(correct ? answer.value : wrongLetter(answer.value, letters, hash), chinese);
  }
  if (correct) return answer.value;
  return chinese ? '我不确定，可能是另一个答案。' : 'I am not certain; it is probably something else.';
}

function contentFor(input: AnswerInput, chinese: boolean): string {
  const { prompt, model } = input;
  const hash = hash32(`${model}\u0000${prompt}`);
  const known = input.knowledge.find(prompt);
  const arithmetic = findArithmetic(prompt);
  // A plain sum is computed, never guessed, even when a dataset also lists its answer.
  const computed =
    arithmetic !== null && known?.answer.kind === 'number' && Number(known.answer.value) === arithmetic.value;
  if (known && !computed) {
    const accuracy = accuracyFor({
      accuracy: input.accuracy,
      accuracyByGroup: input.accuracyByGroup,
      groups: known.groups,
    });
    const correct = answersCorrectly({ question: known.question, model, accuracy });
    return knownAnswerText({ answer: known.answer, correct, prompt, hash, chinese });
  }
  const letters = optionLetters(prompt);
  if (letters && !computed) return letterAnswer(letters[hash % letters.length], chinese);
  if (arithmetic) {
    const result = `${arithmetic.expression} = ${formatNumber(arithmetic.value)}`;
    return chinese ? `计算结果：${result}` : result;
  }
  if (wantsHashAnswer(prompt)) return numberAnswer(String(hash % 1000), chinese);
  return fillerText({ seed: `${model}\u0000${prompt}`, chinese });
}

/** The deterministic answer of `model` to `prompt`. */
export function composeAnswer(input: AnswerInput): ComposedAnswer {
  const chinese = isChinese(input.prompt);
  return {
    content: contentFor(input, chinese),
    reasoning: input.thinks ? reasoningText({ seed: `${input.model}\u0000${input.prompt}`, chinese }) : null,
  };
}
