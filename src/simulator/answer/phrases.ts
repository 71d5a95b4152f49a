import { hash32 } from '../random.js';

/** Filler sentences for open prompts, in English and Chinese. */
const englishSentences = [
  'Here is a short overview of the main points.',
  'The key idea is to break the problem into smaller steps and handle each one in turn.',
  'In practice the answer depends on the constraints you care about most.',
  'A common approach is to start simple, measure, and refine where the numbers show a gap.',
  'There are trade-offs between speed, cost and accuracy that are worth stating up front.',
  'Most sources agree on the basics, while the details vary by context.',
  'It helps to check the result against a small example before relying on it.',
  'If you share more detail, I can tailor the explanation further.',
  'To summarise, the approach above covers the typical cases.',
  'One caveat is that edge cases may need separate handling.',
];

const chineseSentences = [
  '下面简要说明主要观点。',
  '关键在于把问题拆成几个小步骤，逐一处理。',
  '实际结果取决于你最关心的约束条件。',
  '常见做法是先从简单方案入手，再根据数据逐步改进。',
  '在速度、成本和准确性之间需要权衡。',
  '多数资料对基本原理看法一致，细节因场景而异。',
  '建议先用一个小例子验证结果。',
  '如果能提供更多细节，我可以进一步说明。',
];

const englishReasoning = [
  'Let me read the question carefully and note what is being asked.',
  'First I will list the quantities given in the prompt.',
  'Next I combine them step by step, checking each intermediate result.',
  'I should double-check whether any detail changes the interpretation.',
  'Comparing the options, only one is consistent with all the facts.',
  'The computation looks consistent, so I can state the final answer.',
];

const chineseReasoning = [
  '先仔细读题，弄清楚问题问的是什么。',
  '列出题目中给出的已知条件。',
  '逐步推导，并检查每一步的中间结果。',
  '再确认是否有细节会改变题意。',
  '逐一比较各个选项，只有一个与所有条件相符。',
  '计算前后一致，可以给出最终答案。',
];

function compose(options: {
  sentences: readonly string[];
  seed: string;
  minimum: number;
  spread: number;
  joiner: string;
  fromStart?: boolean;
}): string {
  const hash = hash32(options.seed);
  const count = options.minimum + (hash % options.spread);
  const start = options.fromStart ? 0 : (hash >>> 8) % options.sentences.length;
  const chosen: string[] = [];
  for (let index = 0; index < count; index += 1) {
    chosen.push(options.sentences[(start + index) % options.sentences.length]);
  }
  return chosen.join(options.joiner);
}

/** Stable free text for an open prompt: 2 to 6 sentences depending on prompt and model. */
export function fillerText(options: { seed: string; chinese: boolean }): string {
  return options.chinese
    ? compose({ sentences: chineseSentences, seed: options.seed, minimum: 2, spread: 5, joiner: '' })
    : compose({ sentences: englishSentences, seed: options.seed, minimum: 2, spread: 5, joiner: ' ' });
}

/** Stable reasoning text: 2 to 5 short steps. */
export function reasoningText(options: { seed: string; chinese: boolean }): string {
  return options.chinese
    ? compose({
        sentences: chineseReasoning,
        seed: `think\u0000${options.seed}`,
        minimum: 2,
        spread: 4,
        joiner: '',
        fromStart: true,
      })
    : compose({
        sentences: englishReasoning,
        seed: `think\u0000${options.seed}`,
        minimum: 2,
        spread: 4,
        joiner: ' ',
        fromStart: true,
      });
}
