/** Longer names get no suggestion: a typo of a field or model name is short, and the distance costs the product of the lengths. */
const LONGEST_TYPO = 64;

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/** The known name a typo most likely meant, if any is close enough to suggest (never a rewrite of the whole typo, as 'a' for 'c'). */
export function closestName(typo: string, known: Iterable<string>): string | undefined {
  if (typo.length > LONGEST_TYPO) return undefined;
  const lowered = typo.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.min(Math.max(2, Math.floor(typo.length / 3)), typo.length - 1) + 1;
  for (const name of known) {
    // The lengths' difference is a floor of the distance: a name that cannot beat the best is not measured.
    const candidate = name.toLowerCase();
    if (Math.abs(candidate.length - lowered.length) >= bestDistance) continue;
    const distance = editDistance(lowered, candidate);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}
