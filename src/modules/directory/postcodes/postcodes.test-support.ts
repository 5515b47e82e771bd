import { randomInt } from 'node:crypto'

const letters = 'ABDEFGHJLNPQRSTUWXYZ'
const letter = (): string => letters[randomInt(letters.length)]

/**
 * A fictional postcode of the real shape in an outward code of its own ("X" + letter + two digits), so tests
 * sharing the worker's postcode_centroids table never depend on each other's rows.
 */
export function uniquePostcode(outcode = `X${letter()}${randomInt(10, 100)}`): string {
  return `${outcode} ${randomInt(10)}${letter()}${letter()}`
}

/** The ONSPD header as published (February 2024 release). */
export const onsHeader = [
  'pcd', 'pcd2', 'pcds', 'dointr', 'doterm', 'oscty', 'ced', 'oslaua', 'osward', 'parish', 'usertype', 'oseast1m', 'osnrth1m',
  'osgrdind', 'oshlthau', 'nhser', 'ctry', 'rgn', 'streg', 'pcon', 'eer', 'teclec', 'ttwa', 'pct', 'itl', 'statsward', 'oa01',
  'casward', 'npark', 'lsoa01', 'msoa01', 'ur01ind', 'oac01', 'oa11', 'lsoa11', 'msoa11', 'wz11', 'sicbl', 'bua22', 'ru11ind',
  'oac11', 'lat', 'long', 'lep1', 'lep2', 'pfa', 'imd', 'calncv', 'icb', 'oa21', 'lsoa21', 'msoa21',
]

/** One ONSPD line for a postcode ('E1 6AN'), quoted as ONS publishes it; pcd is the 7-character form. */
export function onsLine(postcode: string, fields: { lat: string; long: string; doterm?: string }): string {
  const [outward, inward] = postcode.split(' ')
  const values: Record<string, string> = {
    pcd: outward.padEnd(4, ' ') + inward,
    pcd2: outward.padEnd(5, ' ') + inward,
    pcds: postcode,
    dointr: '198001',
    doterm: fields.doterm ?? '',
    oslaua: 'E09000030',
    osgrdind: fields.lat === '99.999999' ? '9' : '1',
    ctry: 'E92000001',
    lat: fields.lat,
    long: fields.long,
  }
  return onsHeader.map((name) => `"${values[name] ?? ''}"`).join(',')
}
