import { defineAsyncComponent, type App, type Component } from 'vue'
import en from './locales/en.json'
import fr from './locales/fr.json'
import UiAlert from './components/UiAlert.vue'
import UiBadge from './components/UiBadge.vue'
import UiButton from './components/UiButton.vue'
import UiCard from './components/UiCard.vue'
import UiChart from './components/UiChart.vue'
import UiCheckbox from './components/UiCheckbox.vue'
import UiDialog from './components/UiDialog.vue'
import UiEmptyState from './components/UiEmptyState.vue'
import UiErrorPanel from './components/UiErrorPanel.vue'
import UiFormField from './components/UiFormField.vue'
import UiIcon from './components/UiIcon.vue'
import UiInput from './components/UiInput.vue'
import UiModal from './components/UiModal.vue'
import UiPageHeader from './components/UiPageHeader.vue'
import UiPagination from './components/UiPagination.vue'
import UiProgressBar from './components/UiProgressBar.vue'
import UiSelect from './components/UiSelect.vue'
import UiSpinner from './components/UiSpinner.vue'
import UiTable from './components/UiTable.vue'
import UiTabs from './components/UiTabs.vue'
import UiTextarea from './components/UiTextarea.vue'
import UiToastContainer from './components/UiToastContainer.vue'
import type UiDataTableComponent from './components/UiDataTable.vue'

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
}
export { useToast, type Toast, type ToastApi, type ToastOptions } from './composables/useToast'
export { useFormField, type FormFieldContext } from './composables/formField'
export { icons } from './components/icons'
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
}

/** Registers every component globally; the app must also install vue-i18n with `uiMessages` merged in. */
export function install(app: App): void {
  for (const [name, component] of Object.entries(components)) app.component(name, component)
}

export default { install }
