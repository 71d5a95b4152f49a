const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]);
}

/**
 * JSON for a `<script type="application/json">` block. `<`, `>` and `&` only
 * occur inside JSON strings, so writing them as `\u003c` etc. keeps
 * `</script>` and `<!--` in model output from ending or changing the block,
 * while `JSON.parse` reads the same text back. U+2028/U+2029 are escaped too.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
