import path from 'node:path';

/** Folder of the hand-written dataset fixtures. */
export const fixturesFolder = path.resolve(import.meta.dirname, '..', 'fixtures', 'datasets');

/** Path of one fixture file. */
export function fixture(name: string): string {
  return path.join(fixturesFolder, name);
}

/** The repository root (two folders above this file). */
export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** The shared real datasets, next to the repository. */
export const sharedDatasets = path.resolve(repoRoot, '..', 'shared', 'datasets');

/** Drains an async iterable into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** Awaits a promise that must reject, and returns what it rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
