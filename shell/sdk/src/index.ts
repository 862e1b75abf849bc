import en from './locales/en.json'
import fr from './locales/fr.json'

export * from './api/access-tokens'
export * from './api/auth'
export * from './api/jobs'
export * from './api/modules'
export * from './api/notifications'
export * from './api/onboarding'
export * from './api/organizations'
export * from './api/preferences'
export * from './api/search'
export {
  configureSdk,
  http,
  sdkConfig,
  useShellModules,
  type Notifier,
  type SdkConfig,
} from './config'
export { ApiError, isApiError, toApiError, type ApiErrorItem } from './errors'
export {
  CSRF_PATH,
  createHttpClient,
  readDocumentCookie,
  withQuery,
  type HttpClient,
  type HttpClientOptions,
  type HttpMethod,
  type QueryParams,
  type RequestOptions,
} from './http'
export { useErrorMessage, useNotifications } from './messages'
export { FINISHED_JOB_VISIBLE_MS, useJobProgress, useJobsStore, type TrackedJob } from './jobs'
export {
  closeLive,
  configureLive,
  subscribe,
  useLiveChannel,
  useLiveStatus,
  type LiveHandler,
  type LiveOptions,
  type LiveStatus,
} from './live'
export {
  NOTIFICATION_LIST_SIZE,
  useLiveNotifications,
  useNotificationCentre,
} from './notification-centre'
export { roleCan } from './permissions'
export { defineRemoteModule, type MessageTree, type RemoteModule } from './remote'
export { usePlatformSession } from './session'
export type * from './types'
export { useApi, type OrganizationApi } from './useApi'
export type {
  OrganizationPathWith,
  OrganizationPaths,
  Schemas,
  WireBody,
  WireCallOptions,
  WireMethod,
  WireOperation,
  WirePathParams,
  WireQuery,
  WireResponse,
} from './wire'
export type {
  components as ApiComponents,
  operations as ApiOperations,
  paths as ApiPaths,
} from './generated/openapi'
export type { ModulePermissions, Permission } from './generated/permissions'

/** The SDK's own strings, to merge into the application's vue-i18n messages under `sdk.*`. */
export const sdkMessages = { fr, en }
