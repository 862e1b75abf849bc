import { useI18n } from 'vue-i18n'
import { sdkConfig } from './config'
import { ApiError } from './errors'

const statusKeys: Record<number, string> = {
  0: 'sdk.errors.network',
  401: 'sdk.errors.unauthenticated',
  403: 'sdk.errors.forbidden',
  404: 'sdk.errors.notFound',
  409: 'sdk.errors.conflict',
  422: 'sdk.errors.validation',
  429: 'sdk.errors.throttled',
}

/** Turns any thrown value into a sentence for the user, in the current language. Call in setup. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useI18n()
  return (error) => {
    if (error instanceof ApiError) {
      if (error.hasUserMessage) return error.message
      return t(
        statusKeys[error.status] ??
          (error.status >= 500 ? 'sdk.errors.server' : 'sdk.errors.unexpected')
      )
    }
    return t('sdk.errors.unexpected')
  }
}

/** Toast notifications of the host; `error()` accepts anything thrown. Call in setup. */
export function useNotifications() {
  const describe = useErrorMessage()
  const notifier = () => {
    const configured = sdkConfig().notifier
    if (!configured)
      throw new Error('No notifier: the shell calls configureSdk({ notifier }) at start-up')
    return configured
  }
  return {
    success: (message: string) => notifier().success(message),
    info: (message: string) => notifier().info(message),
    warning: (message: string) => notifier().warning(message),
    error: (error: unknown) =>
      notifier().error(typeof error === 'string' ? error : describe(error)),
  }
}
