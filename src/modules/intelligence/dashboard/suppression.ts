import type { HubCell, Suppressed } from '../hub-table.js'

/**
 * Small-number suppression, in one place (decision 0012). In any table broken down or narrowed by area or
 * organisation, a count from 1 to 4 is shown as "fewer than 5" so that nobody can be picked out. Derived numbers
 * follow the counts they come from:
 * - a rate is withheld when its denominator is under 5 or its numerator is 1–4 (either would give back a
 *   small count); a rate shown beside its two counts tells nothing they don't, so it follows them;
 * - a median or percentile of fewer than 5 referrals is withheld (it would be one case's own figure);
 * - where exactly one count in a column is suppressed, the next smallest non-zero count is suppressed too, so
 *   the suppressed one cannot be worked out by subtracting the others from a total shown elsewhere.
 */

export const suppressionThreshold = 5

export const suppressed: Suppressed = { suppressed: true }

export function isSmall(count: number): boolean {
  return count >= 1 && count < suppressionThreshold
}

export function countCell(count: number, suppress: boolean): HubCell {
  return suppress && isSmall(count) ? suppressed : count
}

/** A percentage 0–100 to one decimal place; null when there is nothing to divide by. */
export function rateCell(numerator: number, denominator: number, suppress: boolean): HubCell {
  if (denominator === 0) return null
  if (suppress && (denominator < suppressionThreshold || isSmall(numerator))) return suppressed
  return Math.round((1000 * numerator) / denominator) / 10
}

/** A statistic over `n` referrals (median, 90th percentile). */
export function statisticCell(value: number | null, n: number, suppress: boolean): HubCell {
  if (value === null || n === 0) return null
  if (suppress && n < suppressionThreshold) return suppressed
  return Math.round(value * 10) / 10
}

/**
 * Secondary suppression of one column: if exactly one cell is suppressed, also suppress the smallest other
 * non-zero count. Cells must already have been through countCell.
 */
export function protectColumn(rows: Record<string, HubCell>[], key: string): void {
  const hidden = rows.filter((row) => isSuppressedCell(row[key]))
  if (hidden.length !== 1) return
  let smallest: Record<string, HubCell> | undefined
  for (const row of rows) {
    const value = row[key]
    if (typeof value === 'number' && value > 0 && (!smallest || value < (smallest[key] as number))) smallest = row
  }
  if (smallest) smallest[key] = suppressed
}

function isSuppressedCell(cell: HubCell | undefined): boolean {
  return typeof cell === 'object' && cell !== null && 'suppressed' in cell
}
