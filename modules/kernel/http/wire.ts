/*
 * The wire contract, written once: a response shape is a TypeBox schema, and the serializer the
 * controller uses is typed by it, so the OpenAPI component, the TypeScript type the serializer must
 * return and (through the generated SDK types) what the remotes read are one declaration.
 *   export const serializeInvoice = defineSerializer('Invoice', Type.Object({ id: wire.uuid(), ... }), (invoice: Invoice) => ({ ... }))
 * `start/openapi.ts` then points at it with `serializeInvoice.ref`.
 */
import { Type, type Static, type TObject, type TSchema, type TUnsafe } from '@sinclair/typebox'
import type { DateTime } from 'luxon'
import { defineSchemas } from '../services/ports.ts'
import { schemaRef, type JsonSchema } from '../ports/openapi.ts'

/** A serializer whose output shape is also a named schema of the API reference. */
export type Serializer<Input, Shape extends TSchema> = ((input: Input) => Static<Shape>) & {
  /** The JSON Schema of the output (the OpenAPI component). */
  readonly schema: Shape
  /** `{ $ref }` to the component, for route descriptions. */
  readonly ref: JsonSchema
}

/** Declares a response shape once: registers it as the component `name` and types `serialize` by it. */
export function defineSerializer<Shape extends TObject, Input>(
  name: string,
  schema: Shape,
  serialize: (input: Input) => Static<Shape>
): Serializer<Input, Shape> {
  defineSchemas({ [name]: schema })
  return Object.assign((input: Input) => serialize(input), { schema, ref: schemaRef(name) })
}

/** A stored timestamp as the wire writes it (ISO 8601); the database never hands back an invalid one. */
export function isoTimestamp(value: DateTime): string {
  const iso = value.toISO()
  if (iso === null) throw new Error(`Invalid timestamp: ${value.invalidReason}`)
  return iso
}

/** `isoTimestamp`, or null when there is no timestamp. */
export function isoTimestampOrNull(value: DateTime | null | undefined): string | null {
  return value ? isoTimestamp(value) : null
}

function described(description?: string) {
  return description ? { description } : {}
}

/** The building blocks of response shapes, written as the document has always written them. */
export const wire = {
  /** A uuid string. */
  uuid: (description?: string) => Type.String({ format: 'uuid', ...described(description) }),
  /** An ISO 8601 timestamp. */
  dateTime: (description?: string) =>
    Type.String({ format: 'date-time', ...described(description) }),
  /** An ISO 8601 timestamp, or null. */
  dateTimeOrNull: (description?: string): TUnsafe<string | null> =>
    Type.Unsafe<string | null>({
      type: ['string', 'null'],
      format: 'date-time',
      ...described(description),
    }),
  /** A string, or null. */
  text: (description?: string): TUnsafe<string | null> =>
    Type.Unsafe<string | null>({ type: ['string', 'null'], ...described(description) }),
  /** One of fixed values. */
  oneOf: <const Values extends readonly string[]>(
    values: Values,
    description?: string
  ): TUnsafe<Values[number]> =>
    Type.Unsafe<Values[number]>({ type: 'string', enum: [...values], ...described(description) }),
  /** One of fixed values, or null. */
  oneOfOrNull: <const Values extends readonly string[]>(
    values: Values,
    description?: string
  ): TUnsafe<Values[number] | null> =>
    Type.Unsafe<Values[number] | null>({
      type: ['string', 'null'],
      enum: [...values, null],
      ...described(description),
    }),
  /** A text in every product language. */
  localized: (description?: string) =>
    Type.Object({ fr: Type.String(), en: Type.String() }, described(description)),
  /** `schema`, or null. */
  nullable: <Shape extends TSchema>(schema: Shape) => Type.Union([Type.Null(), schema]),
  /** A whole number, or null. */
  integerOrNull: (description?: string): TUnsafe<number | null> =>
    Type.Unsafe<number | null>({ type: ['integer', 'null'], ...described(description) }),
}

export { Type, type Static }
