/**
 * Small, allocation-free validators for JSON values, used to check every
 * field of a result line once when it is read. A check returns `null` when
 * the value is valid and otherwise says what is wrong with it; the text is
 * only built on failure, so a valid line costs a few `typeof` tests per field.
 */

/** How `results.csv` writes a value of this type, and so whether the formula guard applies (see write-csv.ts). */
export type CsvKind = 'text' | 'number' | 'boolean' | 'json';

/** What a check tells besides its verdict: what the docs and the CSV columns read. */
export interface CheckInfo {
  /** The type as the docs show it, e.g. `number | null`. */
  readonly type: string;
  /** The CSV kind of a plain (not nested) value of this type. */
  readonly csv: CsvKind;
  /** For an object shape (also when nullable or optional): its members. */
  readonly members?: Readonly<Record<string, { check: CheckInfo; meaning: string }>>;
}

/** A validator for values of type `T`. */
export interface Check<T> extends CheckInfo {
  /** `null` when `value` is a valid `T`, else the reason it is not. */
  (value: unknown): string | null;
  /**
   * Compile time only, never set: ties the check to `T` both ways, so a
   * registry entry whose check accepts more or less than its field's type
   * fails `tsc`.
   */
  readonly accepts?: (value: T) => T;
}

function check<T>(
  type: string,
  csv: CsvKind,
  test: (value: unknown) => string | null,
  members?: CheckInfo['members'],
): Check<T> {
  return Object.assign(test, members ? { type, csv, members } : { type, csv });
}

/** Names a value in a reason: its kind, and short strings and numbers themselves. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (field missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

const expected = (type: string, value: unknown): string => `expected ${type}, got ${describeValue(value)}`;

export const text: Check<string> = check('string', 'text', (value) =>
  typeof value === 'string' ? null : expected('string', value),
);

/** Any JSON number (JSON has no NaN or infinity, so every parsed number is finite). */
export const number: Check<number> = check('number', 'number', (value) =>
  typeof value === 'number' ? null : expected('number', value),
);

export const boolean: Check<boolean> = check('boolean', 'boolean', (value) =>
  typeof value === 'boolean' ? null : expected('boolean', value),
);

/** Any JSON value, kept as it arrived; only a missing field is refused. */
export const anyJson: Check<unknown> = check('any JSON value', 'json', (value) =>
  value === undefined ? 'expected any JSON value, got nothing (field missing)' : null,
);

/** One of a fixed list of strings (or numbers). */
export function oneOf<const T extends string | number>(values: readonly T[]): Check<T> {
  const allowed = new Set<unknown>(values);
  const type = values.map((value) => JSON.stringify(value)).join(' | ');
  const csv: CsvKind = typeof values[0] === 'number' ? 'number' : 'text';
  return check(type, csv, (value) => (allowed.has(value) ? null : expected(`one of ${type}`, value)));
}

/**
 * The reason of a widened check: a failure of the value itself is restated
 * with the wider type; one inside it (`member: ...`, `[index]: ...`) is kept.
 */
function widened(reason: string | null, type: string, value: unknown): string | null {
  return reason?.startsWith('expected ') ? expected(type, value) : reason;
}

/** `T` or `null` (the field is present but not reported). */
export function nullable<T>(inner: Check<T>): Check<T | null> {
  const type = `${inner.type} | null`;
  return check(type, inner.csv, (value) => (value === null ? null : widened(inner(value), type, value)), inner.members);
}

/** `T`, or the field left out altogether. */
export function optional<T>(inner: Check<T>): Check<T | undefined> {
  const type = `${inner.type} (optional)`;
  return check(
    type,
    inner.csv,
    (value) => (value === undefined ? null : widened(inner(value), type, value)),
    inner.members,
  );
}

/** Either of two checks; the reason names both types. */
export function either<A, B>(first: Check<A>, second: Check<B>): Check<A | B> {
  const type = `${first.type} | ${second.type}`;
  return check(type, first.csv, (value) =>
    first(value) === null || second(value) === null ? null : expected(type, value),
  );
}

/** An array whose every item passes `item`; the reason names the first bad index. */
export function arrayOf<T>(item: Check<T>, type = `${item.type}[]`): Check<T[]> {
  return check(type, 'json', (value) => {
    if (!Array.isArray(value)) return expected(type, value);
    for (let index = 0; index < value.length; index += 1) {
      const reason = item(value[index]);
      if (reason !== null) return `[${index}]: ${reason}`;
    }
    return null;
  });
}

/** A JSON object whose every value is a string (any keys). */
export const textRecord: Check<Record<string, string>> = check('{[column]: string}', 'json', (value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return expected('{[column]: string}', value);
  for (const [key, member] of Object.entries(value)) {
    if (typeof member !== 'string') return `${key}: ${expected('string', member)}`;
  }
  return null;
});

/** One member of an object shape: its check and what it means (for the docs). */
export interface Member<T> {
  check: Check<T>;
  meaning: string;
}

/** What `shape` takes: any members (each still typed by its own check). */
type Members = Record<string, { check: ((value: unknown) => string | null) & CheckInfo; meaning: string }>;
type Accepted<M> = M extends { check: Check<infer T> } ? T : never;
type RequiredKeys<S> = { [K in keyof S]: undefined extends Accepted<S[K]> ? never : K }[keyof S];
type OptionalKeys<S> = Exclude<keyof S, RequiredKeys<S>>;

/** The object type a shape describes: members whose check accepts `undefined` are optional. */
export type ShapeOf<S> = { [K in RequiredKeys<S>]: Accepted<S[K]> } & {
  [K in OptionalKeys<S>]?: Exclude<Accepted<S[K]>, undefined>;
};

/**
 * A JSON object with the given members, each checked; members not listed are
 * allowed and kept as they are (a newer writer may add some).
 */
export function shape<S extends Members>(type: string, members: S): Check<ShapeOf<S>> & { readonly members: S } {
  const entries = Object.entries(members).map(([name, member]) => [name, member.check] as const);
  const test = (value: unknown): string | null => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return expected(type, value);
    const object = value as Record<string, unknown>;
    for (const [name, inner] of entries) {
      const reason = inner(object[name]);
      if (reason !== null) return `${name}: ${reason}`;
    }
    return null;
  };
  return check(type, 'json', test, members) as Check<ShapeOf<S>> & { readonly members: S };
}
