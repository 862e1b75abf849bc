import { isApiError, useErrorMessage } from '@ia/sdk'
import { ref } from 'vue'

/**
 * A form's refusals from the API: each field's message by field name, and a sentence for what names no
 * field of the form. Call in setup.
 */
export function useFieldErrors<Field extends string>(fields: readonly Field[]) {
  const describe = useErrorMessage()
  /** The message under each field the API refused. */
  const errors = ref<Partial<Record<Field, string>>>({})
  /** What the API said that no field of the form shows. */
  const general = ref<string | null>(null)

  function clear(): void {
    errors.value = {}
    general.value = null
  }

  /** Spreads an error over the form's fields; anything left goes to `general`. */
  function capture(error: unknown): void {
    clear()
    if (isApiError(error)) {
      const onFields: Partial<Record<Field, string>> = {}
      const elsewhere: string[] = []
      for (const item of error.errors) {
        const field = fields.find((name) => name === item.field)
        if (field && !onFields[field]) onFields[field] = item.message
        else if (item.message) elsewhere.push(item.message)
      }
      errors.value = onFields
      if (elsewhere.length) general.value = elsewhere.join(' ')
      else if (!Object.keys(onFields).length) general.value = describe(error)
      return
    }
    general.value = describe(error)
  }

  return { errors, general, clear, capture }
}
