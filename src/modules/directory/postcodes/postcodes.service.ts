import type { Executor } from '../../../db/client.js'
import { parsePostcode, type Postcode } from './postcode.js'
import { findCentroid } from './postcodes.repository.js'

export { upsertCentroids, type Centroid } from './postcodes.repository.js'

/** What a typed postcode turned out to be: not a postcode, a postcode we cannot place, or one with a centroid. */
export type Geocoded =
  | { status: 'invalid' }
  | ({ status: 'unknown' } & Postcode)
  | ({ status: 'found'; latitude: number; longitude: number } & Postcode)

/** Places a postcode from the centroid table. Terminated postcodes still place (old letters, old records). */
export async function geocodePostcode(db: Executor, input: string): Promise<Geocoded> {
  const postcode = parsePostcode(input)
  if (!postcode) return { status: 'invalid' }
  const centroid = await findCentroid(db, postcode.postcode)
  if (!centroid) return { status: 'unknown', ...postcode }
  return { status: 'found', ...postcode, latitude: centroid.latitude, longitude: centroid.longitude }
}
