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
  /** False: on phones (rows as cards) the cell shows without its label, e.g. a row's title or its actions. */
  cardLabel?: boolean
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

/** One entry of a UiDropdownMenu. */
export interface MenuItem {
  key: string
  label: string
  icon?: string
  disabled?: boolean
  tone?: 'danger'
  /** Draws a line above the entry, to group the ones below it. */
  separatorBefore?: boolean
}

/** One node of a UiTree: a leaf, or a branch with its children. */
export interface TreeNode {
  id: string
  label: string
  icon?: string
  children?: TreeNode[]
}

/** One suggestion of a UiRemoteAutocomplete. */
export interface AutocompleteOption {
  value: string
  label: string
  /** A second line: a city, an e-mail, an amount. */
  description?: string
}

/** One event of a UiTimeline. */
export interface TimelineItem {
  id: string
  title: string
  description?: string
  /** ISO 8601 date-time of the event. */
  at: string
  tone?: Tone
}

/** One entry of a UiCommandPalette: a page to go to or a record found by the search. */
export interface CommandItem {
  id: string
  label: string
  /** The heading the entry is listed under (a module's name, "Pages"). */
  group: string
  description?: string
  icon?: string
  /** Where choosing it leads; the palette emits it and the host navigates. */
  to: string
  /** Extra words the page filter matches, e.g. the module's name. */
  keywords?: string[]
}

/** A date range as ISO calendar dates (YYYY-MM-DD), both ends included. */
export interface DateRange {
  start: string | null
  end: string | null
}

/** A ready-made range offered beside a UiDateRangeInput. */
export type DateRangePreset = 'thisMonth' | 'lastQuarter' | 'thisFiscalYear'

/** Reports the upload's own progress, in bytes, as the browser sends it. */
export type UploadProgress = (loaded: number, total: number) => void

/** Sends one file; rejects to mark it failed. The signal aborts it when the user cancels. */
export type UploadFunction = (
  file: File,
  onProgress: UploadProgress,
  signal: AbortSignal
) => Promise<unknown>

/** One column of a UiDataTable. */
export interface DataTableColumn<Row = Record<string, unknown>> {
  key: string
  label: string
  /** The header toggles the server-side sort on this column. */
  sortable?: boolean
  /** A filter under the header: free text, or a choice among options (an empty value means "any"). */
  filter?: 'text' | { options: SelectOption[] }
  align?: 'start' | 'center' | 'end'
  /** Width in pixels (default 160); frozen columns keep exactly this width. */
  width?: number
  /** Stays in view on the left while the table scrolls sideways. */
  frozen?: boolean
  /** The column chooser may hide it (default true). */
  hideable?: boolean
  /** Hidden until the user shows it in the column chooser. */
  hiddenByDefault?: boolean
  /** The cell can be changed in place; a function decides per row. */
  editable?: boolean | ((row: Row) => boolean)
  /** Value written to CSV/XLSX exports; defaults to the row's property named `key`. */
  exportValue?: (row: Row) => string | number | boolean | Date | null | undefined
  /** False: left off the row's card on phones, where only a few columns fit. */
  onCard?: boolean
}

/** Column filters of a UiDataTable, keyed by column; an empty string means no filter. */
export type DataTableFilters = Record<string, string>

/** A change made in place in a UiDataTable cell, for the caller to save. */
export interface DataTableEdit<Row = Record<string, unknown>> {
  row: Row
  key: string
  value: string
}

/** File format of a UiDataTable export. */
export type DataTableExportFormat = 'csv' | 'xlsx'

/** Kind of drawing of a UiChart. */
export type ChartType = 'line' | 'bar' | 'stacked-bar' | 'pie' | 'donut' | 'waterfall'

/** One named series of numbers of a UiChart, one value per category (null where there is none). */
export interface ChartSeries {
  name: string
  data: (number | null)[]
}
