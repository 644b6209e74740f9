/** Rows as aligned text columns, the header first; `right` lists the columns (numbers) aligned right. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], right: readonly number[] = []): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (right.includes(column) ? cell.padStart(widths[column] as number) : cell.padEnd(widths[column] as number)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** USD with six decimals (calls on small models cost fractions of a cent). */
export const usd = (amount: number) => `$${amount.toFixed(6)}`;

/** A record's field for a table cell: '-' for none. */
export const cell = (value: string | number | null | undefined) => (value === null || value === undefined || value === '' ? '-' : String(value));
