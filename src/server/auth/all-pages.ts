import type { Page } from '../db/records.js';

/** Pages of this size are read when every record is wanted. */
export const FULL_PAGE = 1_000;

/** Every item of a paged listing, read page by page. */
export async function allPages<T>(list: (page: number) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const answer = await list(page);
    items.push(...answer.items);
    if (page >= answer.total_pages) return items;
  }
}
