/** percentile_cont from counts of each value: the same interpolation between the two nearest ranks. */
export function percentileOfCounts(counts: { value: number; count: number }[], fraction: number): number | null {
  const sorted = counts.filter((row) => row.count > 0).sort((a, b) => a.value - b.value)
  const total = sorted.reduce((sum, row) => sum + row.count, 0)
  if (total === 0) return null
  const valueAt = (rank: number): number => {
    let seen = 0
    for (const row of sorted) {
      seen += row.count
      if (rank < seen) return row.value
    }
    return sorted[sorted.length - 1].value
  }
  const position = fraction * (total - 1)
  const lower = valueAt(Math.floor(position))
  return lower + (position - Math.floor(position)) * (valueAt(Math.ceil(position)) - lower)
}
