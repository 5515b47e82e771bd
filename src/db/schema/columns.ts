import { uuid } from 'drizzle-orm/pg-core'
import { networks } from './networks.js'

/** Every row that belongs to a network carries it: the column every repository query filters on. */
export const networkIdColumn = () =>
  uuid('network_id')
    .notNull()
    .references(() => networks.id)
