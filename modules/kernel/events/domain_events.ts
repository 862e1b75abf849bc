/*
 * Typed domain events. A module declares the events it publishes, with their payload types, in its
 * `contracts/events.ts`:
 *
 *   export const contactsEvents = defineEvents('contacts', {
 *     'contacts.contact.created': payload<ContactCreated>(),
 *   })
 *   declare module '@ia/kernel/contracts' {
 *     interface DomainEvents extends EventPayloads<typeof contactsEvents> {}
 *   }
 *
 * and gives `contactsEvents` to its provider (`events`), so the platform checks them against
 * module.json's `events.publishes` at boot. `events.publish()` and `events.subscribe()` take only
 * declared names, and a handler in any module gets the payload type from the declaring contract.
 */

/** A payload type, carried at compile time only. */
export type EventPayload<P> = { readonly payloadType?: P }

/** The events one module publishes: names at run time, payload types at compile time. */
export type ModuleEvents<Declared extends Record<string, EventPayload<unknown>>> = {
  readonly moduleId: string
  readonly names: readonly (keyof Declared & string)[]
  readonly declared?: Declared
}

/** What the platform reads of any module's events at boot: its id and the names. */
export type DeclaredEvents = { readonly moduleId: string; readonly names: readonly string[] }

/** The payload type of each event of a `defineEvents` result, by name. */
export type EventPayloads<Events> =
  Events extends ModuleEvents<infer Declared>
    ? { [Name in keyof Declared]: Declared[Name] extends EventPayload<infer P> ? P : never }
    : never

/**
 * Every published event's payload type by name, filled by each module's `contracts/events.ts`
 * (`interface DomainEvents extends EventPayloads<typeof myEvents> {}`).
 */
export interface DomainEvents {}

/** The name of a declared event. */
export type DomainEventName = keyof DomainEvents & string

/** `<module>.<resource>.<verb-ed>`, lower case. */
const EVENT_NAME = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/

/** Marks the payload type of one event in `defineEvents`. */
export function payload<P>(): EventPayload<P> {
  return {}
}

/** Declares the events `moduleId` publishes; every name is `<moduleId>.<resource>.<verb-ed>`. */
export function defineEvents<Declared extends Record<string, EventPayload<unknown>>>(
  moduleId: string,
  declared: Declared
): ModuleEvents<Declared> {
  const names = Object.keys(declared)
  for (const name of names) {
    if (!EVENT_NAME.test(name) || !name.startsWith(`${moduleId}.`)) {
      throw new Error(
        `Event "${name}" of module "${moduleId}" must be named "${moduleId}.<resource>.<verb-ed>"`
      )
    }
  }
  return { moduleId, names }
}

/**
 * Compares a module's declared events with its module.json `events.publishes`; answers what is wrong
 * (empty when both name the same events), so a mismatch stops the boot instead of surprising a consumer.
 */
export function eventListMismatches(
  moduleId: string,
  manifestPublishes: readonly string[],
  declared: DeclaredEvents | undefined
) {
  if (declared && declared.moduleId !== moduleId)
    return [
      `module "${moduleId}": its provider declares the events of module "${declared.moduleId}"`,
    ]
  const inContract = new Set(declared?.names ?? [])
  const inManifest = new Set(manifestPublishes)
  const problems: string[] = []
  for (const name of inManifest) {
    if (!inContract.has(name))
      problems.push(
        `module "${moduleId}": event "${name}" is in module.json but not declared in its contracts (defineEvents)`
      )
  }
  for (const name of inContract) {
    if (!inManifest.has(name))
      problems.push(
        `module "${moduleId}": event "${name}" is declared in its contracts but missing from module.json's events.publishes`
      )
  }
  return problems
}
