import type { Page, PageRequest } from './records.js';

const DEFAULT_SIZE = 10;
const MAX_SIZE = 1_000;

function wholeNumber(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`${name}: expected a whole number from 1 to ${max}, got ${String(value)}`);
  }
  return value;
}

/** A page request checked, with its defaults, and the rows to skip. */
export function pageWindow(request: PageRequest): { page: number; size: number; offset: number } {
  const page = wholeNumber('page', request.page, 1, Number.MAX_SAFE_INTEGER);
  const size = wholeNumber('size', request.size, DEFAULT_SIZE, MAX_SIZE);
  return { page, size, offset: (page - 1) * size };
}

export function pageOf<T>(items: T[], totalCount: number, window: { page: number; size: number }): Page<T> {
  return { items, total_count: totalCount, page: window.page, size: window.size, total_pages: Math.ceil(totalCount / window.size) };
}

/** A limit on rows checked, with its default. */
export function rowLimit(limit: number | undefined, fallback: number, max: number): number {
  return wholeNumber('limit', limit, fallback, max);
}
