import vine from '@vinejs/vine'

/** A global search: the text typed, optionally some record types (comma separated) and a result count. */
export const searchValidator = vine.create({
  q: vine.string().trim().minLength(2).maxLength(200),
  types: vine
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*(,[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*){0,19}$/)
    .optional(),
  limit: vine.number().withoutDecimals().range([1, 50]).optional(),
})
