/**
 * The longest row a dataset may have, in characters: a line of JSONL or a CSV record.
 * A run keeps a heap of 256 MB, and one row is held several times over while it is
 * parsed and mapped; a longer row is refused, naming its line and this limit, rather
 * than exhausting memory. 32 Mi characters is far beyond any model's context window,
 * with room for large inline images as data URLs.
 */
export const MAX_ROW_CHARACTERS = 32 * 1024 * 1024;
