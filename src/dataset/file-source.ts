import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { DatasetError } from '../errors.js';

/** Dataset formats, by file extension (lower-cased). */
const formats: Record<string, 'csv' | 'jsonl'> = { '.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

/** The format of a dataset file from its extension; anything else is a DatasetError. */
export function formatOf(file: string): 'csv' | 'jsonl' {
  const dot = file.lastIndexOf('.');
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const extension = dot > slash ? file.slice(dot).toLowerCase() : '';
  const format = formats[extension];
  if (format === undefined) {
    const shown = extension === '' ? 'no extension' : `extension '${extension}'`;
    throw new DatasetError({
      file,
      message: `unsupported dataset type (${shown}); supported extensions are ${Object.keys(formats).join(', ')}`,
    });
  }
  return format;
}

/** Checks, before streaming, that the dataset is an existing, readable regular file. */
export async function checkDatasetFile(file: string): Promise<void> {
  try {
    const stats = await stat(file);
    if (stats.isDirectory()) throw new DatasetError({ file, message: 'is a directory, not a dataset file' });
    if (!stats.isFile()) throw new DatasetError({ file, message: 'is not a regular file' });
    await access(file, constants.R_OK);
  } catch (error) {
    throw toFileError(error, file);
  }
}

/** Turns a file-system error (ENOENT, EACCES, EISDIR, ...) into a DatasetError; other errors pass through. */
export function toFileError(error: unknown, file: string): unknown {
  if (error instanceof DatasetError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('E')) return error;
  const messages: Record<string, string> = {
    ENOENT: 'file not found',
    EACCES: 'cannot be read (permission denied)',
    EPERM: 'cannot be read (operation not permitted)',
    EISDIR: 'is a directory, not a dataset file',
  };
  return new DatasetError({ file, message: messages[code] ?? `cannot be read: ${(error as Error).message}` });
}
