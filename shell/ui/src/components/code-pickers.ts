import { computed, defineComponent, h, type PropType } from 'vue'
import { useI18n } from 'vue-i18n'
import { codeOptions, COUNTRY_CODES, CURRENCY_CODES, displayName } from '../reference'
import UiCodePicker from './UiCodePicker.vue'

/**
 * A searchable picker of codes named in the user's language by the browser (`Intl.DisplayNames`):
 * `preferred` codes first, then `codes` (or, without a list, the preferred codes alone).
 */
function defineCodePicker(
  name: string,
  type: 'region' | 'currency' | 'language',
  codes?: readonly string[]
) {
  return defineComponent({
    name,
    props: {
      /** The chosen code, '' for none. */
      modelValue: { type: String, default: '' },
      /** Codes listed first, e.g. the organisation's country or currencies. */
      preferred: { type: Array as PropType<string[]>, default: () => [] },
      /** What the empty choice says; without it a code must be chosen. */
      noneLabel: { type: String, default: undefined },
      id: { type: String, default: undefined },
      invalid: { type: Boolean, default: false },
    },
    emits: { 'update:modelValue': (_code: string) => true },
    setup(props, { emit }) {
      const { locale } = useI18n()
      const options = computed(() =>
        codeOptions(
          codes ?? props.preferred,
          (code) => displayName(code, type, locale.value),
          props.preferred,
          locale.value
        )
      )
      return () =>
        h(UiCodePicker, {
          'options': options.value,
          'modelValue': props.modelValue,
          'onUpdate:modelValue': (code: string) => emit('update:modelValue', code),
          'noneLabel': props.noneLabel,
          'id': props.id,
          'invalid': props.invalid,
        })
    },
  })
}

/** Every ISO 3166 country, the preferred ones (the organisation's) first. */
export const UiCountryPicker = defineCodePicker('UiCountryPicker', 'region', COUNTRY_CODES)
/** Every ISO 4217 currency, the preferred ones (the organisation's) first. */
export const UiCurrencyPicker = defineCodePicker('UiCurrencyPicker', 'currency', CURRENCY_CODES)
/** Only the `preferred` languages (e.g. the ones documents are written in), in their order. */
export const UiLanguagePicker = defineCodePicker('UiLanguagePicker', 'language')
