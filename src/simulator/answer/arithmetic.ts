/**
 * A tiny safe arithmetic evaluator (+ - * / parentheses, decimals, `x`, `×`,
 * `÷`) and a finder for the expression a short prompt asks about. No eval.
 */

type Token = { kind: 'number'; value: number } | { kind: 'operator'; value: string };

function tokenize(expression: string): Token[] | null {
  const tokens: Token[] = [];
  let index = 0;
  while (index < expression.length) {
    const char = expression[index];
    if (char === ' ') {
      index += 1;
    } else if (/[0-9.]/.test(char)) {
      const match = /^\d*\.?\d+|^\d+\.?/.exec(expression.slice(index));
      if (!match) return null;
      tokens.push({ kind: 'number', value: Number(match[0]) });
      index += match[0].length;
    } else if ('+-*/()'.includes(char)) {
      tokens.push({ kind: 'operator', value: char });
      index += 1;
    } else if (char === 'x' || char === 'X' || char === '×') {
      tokens.push({ kind: 'operator', value: '*' });
      index += 1;
    } else if (char === '÷') {
      tokens.push({ kind: 'operator', value: '/' });
      index += 1;
    } else {
      return null;
    }
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): number | null {
    const value = this.sum();
    return value !== null && this.position === this.tokens.length ? value : null;
  }

  private peek(): string | null {
    const token = this.tokens[this.position];
    return token && token.kind === 'operator' ? token.value : null;
  }

  private sum(): number | null {
    let value = this.product();
    while (value !== null && (this.peek() === '+' || this.peek() === '-')) {
      const operator = this.tokens[this.position++].value;
      const right = this.product();
      if (right === null) return null;
      value = operator === '+' ? value + right : value - right;
    }
    return value;
  }

  private product(): number | null {
    let value = this.unary();
    while (value !== null && (this.peek() === '*' || this.peek() === '/')) {
      const operator = this.tokens[this.position++].value;
      const right = this.unary();
      if (right === null || (operator === '/' && right === 0)) return null;
      value = operator === '*' ? value * right : value / right;
    }
    return value;
  }

  private unary(): number | null {
    if (this.peek() === '-') {
      this.position += 1;
      const value = this.unary();
      return value === null ? null : -value;
    }
    return this.atom();
  }

  private atom(): number | null {
    const token = this.tokens[this.position];
    if (!token) return null;
    if (token.kind === 'number') {
      this.position += 1;
      return token.value;
    }
    if (token.value !== '(') return null;
    this.position += 1;
    const value = this.sum();
    if (value === null || this.peek() !== ')') return null;
    this.position += 1;
    return value;
  }
}

/** Evaluates an arithmetic expression; null when it is not one (or divides by zero). */
export function evaluateExpression(expression: string): number | null {
  const tokens = tokenize(expression);
  if (!tokens || tokens.length === 0) return null;
  const value = new Parser(tokens).parse();
  return value !== null && Number.isFinite(value) ? value : null;
}

/** Formats a computed number without float noise (`0.1 + 0.2` → `0.3`). */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 1e9) / 1e9;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** An expression found in a prompt, and its value. */
export interface ArithmeticQuestion {
  expression: string;
  value: number;
}

const longestPrompt = 200;
const candidatePattern = /[-(]*\d[\d\s.+\-*/xX×÷()]*[\d)]/g;
const seriesPattern = /(?:^|[^\d])1\s*\+\s*2\s*\+\s*3\s*\+[\s\d+]*(?:\.{2,}|…+|。+)\s*\+\s*(\d{1,7})/;

/**
 * Finds the arithmetic a short prompt asks for: `What is 17 + 25?`, `12*(3+4)=?`,
 * or the series `1+2+3+...+100`. Long prompts are word problems, not sums.
 */
export function findArithmetic(prompt: string): ArithmeticQuestion | null {
  if (prompt.length > longestPrompt) return null;
  const series = seriesPattern.exec(prompt);
  if (series) {
    const last = Number(series[1]);
    return { expression: `1 + 2 + 3 + … + ${last}`, value: (last * (last + 1)) / 2 };
  }
  const candidates = prompt.match(candidatePattern) ?? [];
  candidates.sort((left, right) => right.length - left.length);
  for (const candidate of candidates) {
    const expression = candidate.trim();
    if (!/\d\s*[-+*/xX×÷]\s*[-(]*\s*\d|\)\s*[-+*/xX×÷]|[-+*/xX×÷]\s*\(/.test(expression)) continue;
    const value = evaluateExpression(expression);
    if (value !== null) return { expression, value };
  }
  return null;
}
