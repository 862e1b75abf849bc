import { isApiError, useErrorMessage } from '@ia/sdk'
import { ref } from 'vue'

/** Runs a form's action and keeps its state: busy flag, per-field errors, and one message for the rest. */
export function useSubmit() {
  const submitting = ref(false)
  const fieldErrors = ref<Record<string, string>>({})
  const formError = ref<string | null>(null)
  const describe = useErrorMessage()

  async function run<T>(
    action: () => Promise<T>
  ): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
    submitting.value = true
    fieldErrors.value = {}
    formError.value = null
    try {
      return { ok: true, value: await action() }
    } catch (error) {
      if (isApiError(error) && Object.keys(error.fieldErrors).length)
        fieldErrors.value = error.fieldErrors
      else formError.value = describe(error)
      return { ok: false, error }
    } finally {
      submitting.value = false
    }
  }

  return { submitting, fieldErrors, formError, run }
}
