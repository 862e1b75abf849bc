/** Visual weight of a button. */
export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger'

/** Size of a control. */
export type ControlSize = 'sm' | 'md'

/** Colour meaning shared by badges, alerts and toasts. */
export type Tone = 'neutral' | 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** One option of a UiSelect. */
export interface SelectOption {
  value: string
  label: string
  disabled?: boolean
}

/** One column of a UiTable. */
export interface TableColumn {
  key: string
  label: string
  sortable?: boolean
  align?: 'start' | 'center' | 'end'
  /** CSS width, e.g. '8rem'. */
  width?: string
}

/** Sort state of a UiTable. */
export interface TableSort {
  key: string
  order: 'asc' | 'desc'
}

/** One tab of a UiTabs. */
export interface TabItem {
  key: string
  label: string
  disabled?: boolean
}
