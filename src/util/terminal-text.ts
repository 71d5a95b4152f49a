/** C0 controls but tab and line feed, DEL, and the C1 controls (including the 8-bit CSI). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** The same, line feed and tab included: for text that must stay on one line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f-\u009f]/g;

function visible(character: string): string {
  return `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/**
 * Text made inert for a terminal: every control character that could move the
 * cursor, recolour, retitle or clear the screen (ESC, BEL, CR, backspace, the C1
 * block…) is shown as a visible `\xHH` escape. Line feeds and tabs stay unless
 * `oneLine` is set, which escapes them too (a model name, a progress line).
 */
export function inertText(text: string, options: { oneLine?: boolean } = {}): string {
  return text.replace(options.oneLine ? CONTROL_OR_BREAK : CONTROL, visible);
}

/** A writer whose text is made inert on the way through. */
export function inertWriter<T extends { write(text: string): unknown }>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (property === 'write') return (text: string) => object.write(inertText(String(text)));
      const value = Reflect.get(object, property, receiver);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
