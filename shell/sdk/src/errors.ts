/** One error as the API reports it. */
export interface ApiErrorItem {
  code: string
  message: string
  field?: string
}

/** A failed API call: the HTTP status and the errors the backend listed. */
export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number
  /** Every error the backend listed, in order. */
  readonly errors: ApiErrorItem[]
  /** Code of the first error, e.g. `E_INVALID_CREDENTIALS`. */
  readonly code: string
  /** Message of each field that failed validation, by field name (first message wins). */
  readonly fieldErrors: Record<string, string>

  constructor(status: number, errors: ApiErrorItem[]) {
    super(errors[0]?.message || `Request failed with status ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.errors = errors
    this.code = errors[0]?.code ?? `E_HTTP_${status}`
    this.fieldErrors = {}
    for (const error of errors) {
      if (error.field && !(error.field in this.fieldErrors))
        this.fieldErrors[error.field] = error.message
    }
  }

  /** Whether the backend wrote a message meant for the user. */
  get hasUserMessage(): boolean {
    return Boolean(this.errors[0]?.message)
  }
}

/** Whether a value is an ApiError, optionally with the given code. */
export function isApiError(value: unknown, code?: string): value is ApiError {
  return value instanceof ApiError && (code === undefined || value.code === code)
}

function isErrorItem(value: unknown): value is ApiErrorItem {
  return (
    typeof value === 'object' && value !== null && typeof (value as ApiErrorItem).code === 'string'
  )
}

/** Builds the ApiError for a response body, whatever shape the body has. */
export function toApiError(status: number, body: unknown): ApiError {
  const listed = (body as { errors?: unknown } | null)?.errors
  const errors = Array.isArray(listed)
    ? listed.filter(isErrorItem).map((item) => ({
        code: item.code,
        message: typeof item.message === 'string' ? item.message : '',
        ...(typeof item.field === 'string' ? { field: item.field } : {}),
      }))
    : []
  return new ApiError(status, errors.length ? errors : [{ code: `E_HTTP_${status}`, message: '' }])
}
