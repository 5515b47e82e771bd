import { z } from 'zod'

const requiredName = (messageKey: string) =>
  z.string({ error: messageKey }).trim().min(1, messageKey).max(80, 'directory:errors.termNameTooLong')

const termNames = {
  name: requiredName('directory:errors.termNameRequired'),
  nameCy: requiredName('directory:errors.termNameCyRequired'),
  description: z
    .string()
    .optional()
    .transform((value) => value?.trim() ?? '')
    .pipe(z.string().max(500, 'directory:errors.termDescriptionTooLong')),
}

/** Adding an issue, and changing its names or description: both languages are required. */
export const termSchema = z.object(termNames)
export type TermInput = z.infer<typeof termSchema>
