import type { Executor } from '../../../db/client.js'
import { parsePostcode, type Postcode } from './postcode.js'
import { findCentroid } from './postcodes.repository.js'

export { upsertCentroids, type Centroid } from './postcodes.repository.js'

/** What a typed postcode turned out to be: not a postcode, a postcode we cannot place, or one with a centroid. */
export type Geocoded =
  | { status: 'invalid' }
  | ({ status: 'unknown' } & Postcode)
  | ({ status: 'found'; latitude: number; longitude: number } & Postcode)

/** Where a (normalised) postcode is, from the centroid table; null when we have no centroid for it. */
export async function centroidOf(db: Executor, postcode: string): Promise<{ latitude: number; longitude: number } | null> {
  const centroid = await findCentroid(db, postcode)
  return centroid ? { latitude: centroid.latitude, longitude: centroid.longitude } : null
}

/** Places a postcode from the centroid table. Terminated postcodes still place (old letters, old records). */
export async function geocodePostcode(db: Executor, input: string): Promise<Geocoded> {
  const postcode = parsePostcode(input)
  if (!postcode) return { status: 'invalid' }
  const centroid = await findCentroid(db, postcode.postcode)
  if (!centroid) return { status: 'unknown', ...postcode }
  return { status: 'found', ...postcode, latitude: centroid.latitude, longitude: centroid.longitude }
}
