import type { Executor } from '../../db/client.js'
import { outbox } from '../../db/schema/index.js'

export async function insertOutboxMessage(
  db: Executor,
  message: { networkId: string | null; toAddress: string; subject: string; bodyText: string; language: string; template: string },
): Promise<string> {
  const [row] = await db.insert(outbox).values(message).returning({ id: outbox.id })
  return row.id
}
