import { inject, provide, type ComputedRef, type InjectionKey } from 'vue'

/** What a UiFormField tells the control inside it. */
export interface FormFieldContext {
  id: string
  describedBy: ComputedRef<string | undefined>
  invalid: ComputedRef<boolean>
  required: ComputedRef<boolean>
}

const formFieldKey: InjectionKey<FormFieldContext> = Symbol('ia-form-field')

/** Used by UiFormField to link its label, hint and error to its control. */
export function provideFormField(context: FormFieldContext): void {
  provide(formFieldKey, context)
}

/** Used by controls to read the surrounding UiFormField, if any. */
export function useFormField(): FormFieldContext | null {
  return inject(formFieldKey, null)
}
