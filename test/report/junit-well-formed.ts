/**
 * A small strict XML 1.0 well-formedness checker for the JUnit tests (no
 * dependency): one root element, matching tags, quoted unique attributes,
 * only legal characters, only the predefined entities and character
 * references, no DOCTYPE. Returns the element tree with text unescaped.
 */

/** An element with its attributes, child elements and concatenated text. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const LEGAL = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const NAME = /[A-Za-z_:\u00C0-\uFFFF][A-Za-z0-9._:\u00B7\u00C0-\uFFFF-]*/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function legalCodePoint(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

class Parser {
  position = 0;
  constructor(private readonly source: string) {}

  fail(message: string): never {
    throw new Error(
      `not well-formed at ${this.position}: ${message} near ${JSON.stringify(this.source.slice(this.position, this.position + 30))}`,
    );
  }

  startsWith(text: string): boolean {
    return this.source.startsWith(text, this.position);
  }

  expect(text: string): void {
    if (!this.startsWith(text)) this.fail(`expected ${JSON.stringify(text)}`);
    this.position += text.length;
  }

  skipSpace(): boolean {
    const start = this.position;
    while (/[ \t\r\n]/.test(this.source[this.position] ?? '')) this.position += 1;
    return this.position > start;
  }

  name(): string {
    NAME.lastIndex = this.position;
    const match = NAME.exec(this.source);
    if (!match) this.fail('expected a name');
    this.position += match[0].length;
    return match[0];
  }

  reference(): string {
    this.expect('&');
    const end = this.source.indexOf(';', this.position);
    if (end < 0) this.fail('unterminated reference');
    const body = this.source.slice(this.position, end);
    this.position = end + 1;
    if (body in ENTITIES) return ENTITIES[body];
    const match = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(body);
    if (!match) this.fail(`unknown entity &${body};`);
    const code = match[1] !== undefined ? Number.parseInt(match[1], 16) : Number.parseInt(match[2], 10);
    if (!legalCodePoint(code)) this.fail(`reference to an illegal character &${body};`);
    return String.fromCodePoint(code);
  }

  until(terminator: string, what: string): string {
    const end = this.source.indexOf(terminator, this.position);
    if (end < 0) this.fail(`unterminated ${what}`);
    const text = this.source.slice(this.position, end);
    this.position = end + terminator.length;
    return text;
  }

  misc(): void {
    for (;;) {
      this.skipSpace();
      if (this.startsWith('<!--')) {
        this.position += 4;
        if (this.until('-->', 'comment').includes('--')) this.fail('"--" inside a comment');
      } else if (this.startsWith('<?')) {
        this.position += 2;
        if (this.name().toLowerCase() === 'xml') this.fail('XML declaration not at the start');
        this.until('?>', 'processing instruction');
      } else return;
    }
  }

  attributeValue(): string {
    const quote = this.source[this.position];
    if (quote !== '"' && quote !== "'") this.fail('attribute value must be quoted');
    this.position += 1;
    let value = '';
    for (;;) {
      const character = this.source[this.position];
      if (character === undefined) this.fail('unterminated attribute value');
      if (character === quote) break;
      if (character === '<') this.fail('"<" in an attribute value');
      if (character === '&') value += this.reference();
      else {
        value += /[\t\n\r]/.test(character) ? ' ' : character;
        this.position += 1;
      }
    }
    this.position += 1;
    return value;
  }

  element(): XmlElement {
    this.expect('<');
    const element: XmlElement = { name: this.name(), attributes: {}, children: [], text: '' };
    for (;;) {
      const spaced = this.skipSpace();
      if (this.startsWith('/>')) {
        this.position += 2;
        return element;
      }
      if (this.startsWith('>')) {
        this.position += 1;
        break;
      }
      if (!spaced) this.fail('expected white space before an attribute');
      const name = this.name();
      if (name in element.attributes) this.fail(`duplicate attribute ${name}`);
      this.skipSpace();
      this.expect('=');
      this.skipSpace();
      element.attributes[name] = this.attributeValue();
    }
    for (;;) {
      if (this.position >= this.source.length) this.fail(`unclosed <${element.name}>`);
      if (this.startsWith('</')) {
        this.position += 2;
        if (this.name() !== element.name) this.fail(`mismatched end tag for <${element.name}>`);
        this.skipSpace();
        this.expect('>');
        return element;
      }
      if (this.startsWith('<!--')) {
        this.position += 4;
        if (this.until('-->', 'comment').includes('--')) this.fail('"--" inside a comment');
      } else if (this.startsWith('<![CDATA[')) {
        this.position += 9;
        element.text += this.until(']]>', 'CDATA section');
      } else if (this.startsWith('<?')) {
        this.position += 2;
        this.until('?>', 'processing instruction');
      } else if (this.startsWith('<')) element.children.push(this.element());
      else if (this.startsWith('&')) element.text += this.reference();
      else {
        if (this.startsWith(']]>')) this.fail('"]]>" in text');
        element.text += this.source[this.position];
        this.position += 1;
      }
    }
  }

  document(): XmlElement {
    if (!LEGAL.test(this.source)) this.fail('a character illegal in XML 1.0');
    if (this.startsWith('<?xml')) {
      this.position += 5;
      const declaration = this.until('?>', 'XML declaration');
      if (!/^\s+version\s*=\s*(["'])1\.0\1/.test(declaration)) this.fail('bad XML declaration');
    }
    this.misc();
    if (this.startsWith('<!DOCTYPE')) this.fail('DOCTYPE is not allowed');
    const root = this.element();
    this.misc();
    if (this.position !== this.source.length) this.fail('content after the root element');
    return root;
  }
}

/** Parses a whole document, throwing on the first well-formedness error. */
export function parseWellFormedXml(source: string): XmlElement {
  return new Parser(source).document();
}

/** Every descendant element with the given name, in document order. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of element.children) {
    if (child.name === name) found.push(child);
    found.push(...findAll(child, name));
  }
  return found;
}
