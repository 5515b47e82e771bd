import { toDistrict, toNormalised, toOutcode, validOutcode } from 'postcode'

/** A UK postcode in its normal form, with the parts the directory matches areas on. */
export interface Postcode {
  /** e.g. 'E1W 1AA' */
  postcode: string
  /** Outward code, e.g. 'E1W'. */
  outcode: string
  /** District without a sub-district letter, e.g. 'E1' (same as the outcode for most postcodes). */
  district: string
}

/** Validates and normalises what someone typed ('e1w1aa', ' E1W  1AA '); null when it is not a postcode's shape. */
export function parsePostcode(input: string): Postcode | null {
  const postcode = toNormalised(input.trim())
  if (!postcode) return null
  const outcode = toOutcode(postcode)
  const district = toDistrict(postcode)
  if (!outcode || !district) return null
  return { postcode, outcode, district }
}

/** Whether a code is an outward code ('E1', 'E1W', 'RV3'), as listed in a service's area. */
export function isOutcode(code: string): boolean {
  return validOutcode(code)
}
