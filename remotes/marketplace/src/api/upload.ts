import { CSRF_PATH, ApiError, http, readDocumentCookie, sdkConfig, toApiError } from '@ia/sdk'

/** Reports the bytes sent so far out of the total. */
export type UploadProgress = (loaded: number, total: number) => void

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return text
  }
}

/**
 * POSTs a form with the session's cookie, CSRF token and language, reporting the bytes sent: `fetch` has
 * no upload progress, XMLHttpRequest does. Errors are the SDK's `ApiError`, as from any other call.
 */
export async function postFormWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: UploadProgress,
  signal?: AbortSignal
): Promise<T> {
  // Sets the XSRF-TOKEN cookie the server compares the header with.
  await http.get(CSRF_PATH)
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open('POST', path)
    request.withCredentials = true
    request.setRequestHeader('Accept', 'application/json')
    request.setRequestHeader('Accept-Language', sdkConfig().getLocale())
    const token = readDocumentCookie('XSRF-TOKEN')
    if (token) request.setRequestHeader('X-XSRF-TOKEN', token)
    request.upload.onprogress = (event) => onProgress(event.loaded, event.total)
    request.onload = () => {
      const body = parse(request.responseText)
      if (request.status >= 200 && request.status < 300) resolve(body as T)
      else reject(toApiError(request.status, body))
    }
    request.onerror = () => reject(new ApiError(0, [{ code: 'E_NETWORK', message: '' }]))
    request.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'))
    signal?.addEventListener('abort', () => request.abort(), { once: true })
    request.send(form)
  })
}
