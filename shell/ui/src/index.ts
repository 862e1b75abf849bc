import { defineAsyncComponent, defineComponent, h, type App, type Component } from 'vue'
import { pendingConfirm } from './composables/useConfirm'
import en from './locales/en.json'
import fr from './locales/fr.json'
import UiAlert from './components/UiAlert.vue'
import UiBadge from './components/UiBadge.vue'
import UiButton from './components/UiButton.vue'
import UiCard from './components/UiCard.vue'
import UiChart from './components/UiChart.vue'
import UiCheckbox from './components/UiCheckbox.vue'
import UiEmptyState from './components/UiEmptyState.vue'
import UiErrorPanel from './components/UiErrorPanel.vue'
import UiFormField from './components/UiFormField.vue'
import UiIcon from './components/UiIcon.vue'
import UiInput from './components/UiInput.vue'
import UiPageHeader from './components/UiPageHeader.vue'
import UiPagination from './components/UiPagination.vue'
import UiProgressBar from './components/UiProgressBar.vue'
import UiSpinner from './components/UiSpinner.vue'
import UiTable from './components/UiTable.vue'
import UiStatusChip from './components/UiStatusChip.vue'
import UiTextarea from './components/UiTextarea.vue'
import UiTimeline from './components/UiTimeline.vue'
import type UiDataTableComponent from './components/UiDataTable.vue'

/*
 * The kit is one shared module loaded at start-up; the components built on Reka UI and the calendar load
 * their code the first time a page renders them, so the shell's first screen does not pay for them.
 */
/** A modal dialog with a title, a body and an optional footer (Reka UI Dialog: focus trap, Escape, ARIA). */
export const UiModal = defineAsyncComponent(() => import('./components/UiModal.vue'))
/** A modal asking to confirm or cancel one action, with its own buttons. */
export const UiDialog = defineAsyncComponent(() => import('./components/UiDialog.vue'))
/** A select list of options (Reka UI Select: typeahead, keyboard, ARIA listbox). */
export const UiSelect = defineAsyncComponent(() => import('./components/UiSelect.vue'))
/** Tabs with one panel (Reka UI Tabs: roving tabindex, arrow keys). */
export const UiTabs = defineAsyncComponent(() => import('./components/UiTabs.vue'))
/** Renders the page's toasts (Reka UI Toast: F8 to reach them, paused while hovered, swipe to dismiss). */
export const UiToastContainer = defineAsyncComponent(
  () => import('./components/UiToastContainer.vue')
)
/** A tooltip on the element in its slot, shown on hover and keyboard focus. */
export const UiTooltip = defineAsyncComponent(() => import('./components/UiTooltip.vue'))
/** A menu of actions behind a button (Reka UI DropdownMenu). */
export const UiDropdownMenu = defineAsyncComponent(() => import('./components/UiDropdownMenu.vue'))
/** A tree of nodes to expand and pick from (Reka UI Tree: arrow keys, typeahead, `aria-expanded`/`aria-level`). */
export const UiTree = defineAsyncComponent(() => import('./components/UiTree.vue'))
/** An amount typed the locale's way, given back in minor units (bigint or digit string), never a float. */
export const UiMoneyInput = defineAsyncComponent(() => import('./components/UiMoneyInput.vue'))
/** An amount in minor units shown with its currency, the locale's way. */
export const UiMoneyText = defineAsyncComponent(() => import('./components/UiMoneyText.vue'))
/** A calendar date typed the locale's way or picked from a calendar; ISO date in and out. */
export const UiDateInput = defineAsyncComponent(() => import('./components/UiDateInput.vue'))
/** A period between two dates, with presets (this month, last quarter, this fiscal year). */
export const UiDateRangeInput = defineAsyncComponent(
  () => import('./components/UiDateRangeInput.vue')
)
/** A text box suggesting records from the server as one types (Reka UI Combobox). */
export const UiRemoteAutocomplete = defineAsyncComponent(
  () => import('./components/UiRemoteAutocomplete.vue')
)
/** A searchable list of countries named in the user's language, the preferred ones (the organisation's) first. */
export const UiCountryPicker = defineAsyncComponent(() =>
  import('./components/code-pickers').then((pickers) => pickers.UiCountryPicker)
)
/** A searchable list of ISO 4217 currencies named in the user's language, the organisation's first. */
export const UiCurrencyPicker = defineAsyncComponent(() =>
  import('./components/code-pickers').then((pickers) => pickers.UiCurrencyPicker)
)
/** A searchable list of the `preferred` languages, named in the user's language. */
export const UiLanguagePicker = defineAsyncComponent(() =>
  import('./components/code-pickers').then((pickers) => pickers.UiLanguagePicker)
)
/** A drop zone sending files through an upload function, with each file's progress bar. */
export const UiFileDrop = defineAsyncComponent(() => import('./components/UiFileDrop.vue'))
const ConfirmDialogBody = defineAsyncComponent(() => import('./components/UiConfirmDialog.vue'))
/** Renders the questions asked through `useConfirm()` (Reka UI AlertDialog); the shell mounts it once. */
export const UiConfirmDialog = defineComponent({
  name: 'UiConfirmDialog',
  // Mounted once by the shell, it loads the dialog's code only when a question is asked, not at start-up.
  setup: () => () => (pendingConfirm.pending ? h(ConfirmDialogBody) : null),
})
/** Go to a page or find a record (Reka UI Dialog and Listbox); the host opens it, the shell on Ctrl+K. */
export const UiCommandPalette = defineAsyncComponent(
  () => import('./components/UiCommandPalette.vue')
)

/** Fetches the data table's code ahead of time, e.g. while a route that shows one is being entered. */
export const preloadDataTable = () => import('./components/UiDataTable.vue')
/** Server-driven data table (TanStack Table and Virtual), loaded with its libraries on first use. */
const UiDataTable = defineAsyncComponent(preloadDataTable) as unknown as typeof UiDataTableComponent

export {
  UiAlert,
  UiBadge,
  UiButton,
  UiCard,
  UiChart,
  UiCheckbox,
  UiDataTable,
  UiEmptyState,
  UiErrorPanel,
  UiFormField,
  UiIcon,
  UiInput,
  UiPageHeader,
  UiPagination,
  UiProgressBar,
  UiSpinner,
  UiTable,
  UiStatusChip,
  UiTextarea,
  UiTimeline,
}
export { useToast, type Toast, type ToastApi, type ToastOptions } from './composables/useToast'
export { useFormField, type FormFieldContext } from './composables/useFormField'
export { useConfirm, type ConfirmOptions } from './composables/useConfirm'
export {
  currencyDigits,
  formatMoney,
  parseMoney,
  type MinorUnits,
  type MoneyParseError,
  type MoneyParseResult,
} from './money'
export { icons } from './components/icons'
export { setPreferenceStore, type PreferenceStore } from './preferences'
export {
  COUNTRY_CODES,
  CURRENCY_CODES,
  countryName,
  displayName,
  formatPhone,
  phoneLinks,
  type CodeOption,
} from './reference'
export type * from './types'

/** The kit's own strings, to merge into the application's vue-i18n messages under `ui.*`. */
export const uiMessages = { fr, en }

const components: Record<string, Component> = {
  UiAlert,
  UiBadge,
  UiButton,
  UiCard,
  UiChart,
  UiCheckbox,
  UiDataTable,
  UiDialog,
  UiEmptyState,
  UiErrorPanel,
  UiFormField,
  UiIcon,
  UiInput,
  UiModal,
  UiPageHeader,
  UiPagination,
  UiProgressBar,
  UiSelect,
  UiSpinner,
  UiTable,
  UiTabs,
  UiTextarea,
  UiToastContainer,
  UiTooltip,
  UiDropdownMenu,
  UiTree,
  UiMoneyInput,
  UiMoneyText,
  UiDateInput,
  UiDateRangeInput,
  UiRemoteAutocomplete,
  UiCountryPicker,
  UiCurrencyPicker,
  UiLanguagePicker,
  UiStatusChip,
  UiTimeline,
  UiFileDrop,
  UiConfirmDialog,
  UiCommandPalette,
}

/** Registers every component globally; the app must also install vue-i18n with `uiMessages` merged in. */
export function install(app: App): void {
  for (const [name, component] of Object.entries(components)) app.component(name, component)
}

export default { install }
