/**
 * The candidates a search found (rows, their issues and opening times), kept in this process for the same search
 * of the same network while its directory version is unchanged (see directory_versions) and for at most a minute,
 * which bounds what the version does not see (an issue or organisation renamed). Judging is never cached: it
 * depends on the client. Least recently used entries go first; entries are shared, so never mutated.
 */
export interface CandidateCache<T> {
  get(key: string, version: number): T | undefined
  set(key: string, version: number, value: T): void
}

export function candidateCache<T>(options: { maxEntries: number; ttlMs: number; clock?: () => number }): CandidateCache<T> {
  const clock = options.clock ?? (() => performance.now())
  const entries = new Map<string, { version: number; storedAt: number; value: T }>()
  return {
    get(key, version) {
      const entry = entries.get(key)
      if (!entry) return undefined
      if (entry.version !== version || clock() - entry.storedAt > options.ttlMs) {
        entries.delete(key)
        return undefined
      }
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      entries.delete(key)
      entries.set(key, entry)
      return entry.value
    },
    set(key, version, value) {
      entries.delete(key)
      entries.set(key, { version, storedAt: clock(), value })
      while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string)
    },
  }
}
