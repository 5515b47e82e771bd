import { eq, sql, type AnyColumn, type Placeholder, type SQL } from 'drizzle-orm'
import type { Executor } from '../../../db/client.js'
import { preparedQuery, runValue } from '../../../db/prepared.js'
import { postcodeCentroids } from '../../../db/schema/index.js'

export interface Centroid {
  /** Normalised, e.g. 'E1 6AN'. */
  postcode: string
  /** Outward code, e.g. 'E1'. */
  district: string
  latitude: number
  longitude: number
  terminatedAt?: string | null
}

const centroidOf = preparedQuery('postcode_centroid', (db) => db.select().from(postcodeCentroids).where(eq(postcodeCentroids.postcode, runValue('postcode'))))

/** Every search with a postcode and every send asks: prepared once per connection. */
export async function findCentroid(db: Executor, postcode: string): Promise<Centroid | null> {
  const [row] = await centroidOf(db, { postcode })
  return row ?? null
}

/** Inserts or refreshes centroids (the ONS import, the demo's fictional area). Rows must be normalised and unique. */
export async function upsertCentroids(db: Executor, rows: Centroid[]): Promise<number> {
  if (rows.length === 0) return 0
  await db
    .insert(postcodeCentroids)
    .values(rows.map((row) => ({ ...row, terminatedAt: row.terminatedAt ?? null })))
    .onConflictDoUpdate({
      target: postcodeCentroids.postcode,
      set: {
        district: sql`excluded.district`,
        latitude: sql`excluded.latitude`,
        longitude: sql`excluded.longitude`,
        terminatedAt: sql`excluded.terminated_at`,
      },
    })
  return rows.length
}

const earthRadiusKm = 6371

/**
 * Great-circle distance in km between a point and two columns (or expressions), by the haversine formula in plain
 * SQL: no PostGIS, PostgreSQL 15 and PGlite alike. least(1, …) guards asin against rounding just above 1.
 */
/** The origin may be a placeholder, for a statement prepared once (decision 0018). */
export function haversineKmSql(latitude: number | Placeholder, longitude: number | Placeholder, latColumn: AnyColumn | SQL, lonColumn: AnyColumn | SQL): SQL {
  return sql`(2 * ${earthRadiusKm} * asin(least(1, sqrt(
    power(sin(radians(${latColumn} - ${latitude}::float8) / 2), 2)
    + cos(radians(${latitude}::float8)) * cos(radians(${latColumn})) * power(sin(radians(${lonColumn} - ${longitude}::float8) / 2), 2)
  ))))::float8`
}

/** A cheap prefilter before the haversine: the latitude/longitude box that holds every point within `km`. */
export function boundingBoxSql(latitude: number, longitude: number, km: number, latColumn: AnyColumn | SQL, lonColumn: AnyColumn | SQL): SQL {
  const box = boundingBox(latitude, longitude, km)
  return sql`(${latColumn} between ${box.minLatitude} and ${box.maxLatitude} and ${lonColumn} between ${box.minLongitude} and ${box.maxLongitude})`
}

export function boundingBox(latitude: number, longitude: number, km: number): { minLatitude: number; maxLatitude: number; minLongitude: number; maxLongitude: number } {
  const latDelta = (km / earthRadiusKm) * (180 / Math.PI)
  const lonDelta = latDelta / Math.max(Math.cos((latitude * Math.PI) / 180), 0.01)
  return { minLatitude: latitude - latDelta, maxLatitude: latitude + latDelta, minLongitude: longitude - lonDelta, maxLongitude: longitude + lonDelta }
}
