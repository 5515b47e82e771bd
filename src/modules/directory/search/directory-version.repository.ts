import { eq, sql } from 'drizzle-orm'
import type { Executor } from '../../../db/client.js'
import { preparedQuery, runValue } from '../../../db/prepared.js'
import { directoryVersions } from '../../../db/schema/index.js'

/**
 * Tells directory search that what it reads of this network changed (a listing, its issues, locations, opening
 * times, capacity, review or verification; an import), so it stops reusing candidates found before. Call it in
 * the transaction of the write: the new version is seen exactly when the change is.
 */
export async function bumpDirectoryVersion(db: Executor, networkId: string): Promise<void> {
  await db
    .insert(directoryVersions)
    .values({ networkId, version: 1 })
    .onConflictDoUpdate({ target: directoryVersions.networkId, set: { version: sql`${directoryVersions.version} + 1` } })
}

const versionOf = preparedQuery('directory_version', (db) =>
  db.select({ version: directoryVersions.version }).from(directoryVersions).where(eq(directoryVersions.networkId, runValue('networkId'))),
)

/** The network's directory version: 0 until its first change. One primary-key lookup, prepared once per connection. */
export async function directoryVersion(db: Executor, networkId: string): Promise<number> {
  const [row] = await versionOf(db, { networkId })
  return row?.version ?? 0
}
