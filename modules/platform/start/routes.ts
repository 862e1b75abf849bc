import router from '@adonisjs/core/services/router'
import { platformMiddleware as middleware } from './middleware.ts'
import { LOCAL_FILE_ROUTE } from '../app/services/file_storage.ts'

const AuthController = () => import('../app/controllers/auth_controller.ts')
const AccessTokensController = () => import('../app/controllers/access_tokens_controller.ts')
const OauthController = () => import('../app/controllers/oauth_controller.ts')
const OrganizationsController = () => import('../app/controllers/organizations_controller.ts')
const MembersController = () => import('../app/controllers/members_controller.ts')
const InvitationsController = () => import('../app/controllers/invitations_controller.ts')
const AuditLogController = () => import('../app/controllers/audit_log_controller.ts')
const JobsController = () => import('../app/controllers/jobs_controller.ts')
const ModulesController = () => import('../app/controllers/modules_controller.ts')
const ApiReferenceController = () => import('../app/controllers/api_reference_controller.ts')
const FilesController = () => import('../app/controllers/files_controller.ts')
const SearchController = () => import('../app/controllers/search_controller.ts')
const NotificationsController = () => import('../app/controllers/notifications_controller.ts')
const OnboardingController = () => import('../app/controllers/onboarding_controller.ts')
const PreferencesController = () => import('../app/controllers/preferences_controller.ts')

router.get('/api/v1/openapi.json', [ApiReferenceController, 'document'])
router.get('/api/v1/docs', [ApiReferenceController, 'page'])
router.get('/api/v1/docs/scalar.js', [ApiReferenceController, 'script'])

router
  .group(() => {
    router.get('csrf', [AuthController, 'csrf'])
    router.post('sign-up', [AuthController, 'signUp'])
    router.post('sign-in', [AuthController, 'signIn'])
    router.post('forgot-password', [AuthController, 'forgotPassword'])
    router.post('reset-password', [AuthController, 'resetPassword'])
    router.post('reset-password/check', [AuthController, 'checkResetToken'])
    router.post('verify-email', [AuthController, 'verifyEmail'])
    router.post('email/confirm', [AuthController, 'confirmEmailChange'])
    router.get('providers', [OauthController, 'providers'])
    router.get('oauth/:provider/redirect', [OauthController, 'redirect'])
    router.get('oauth/:provider/callback', [OauthController, 'callback'])

    router
      .group(() => {
        router.post('sign-out', [AuthController, 'signOut'])
        router.get('me', [AuthController, 'me'])
        router.patch('me', [AuthController, 'updateMe'])
        router.get('me/deletion', [AuthController, 'deletionPlan'])
        router.delete('me', [AuthController, 'deleteAccount'])
        router.post('email', [AuthController, 'changeEmail'])
        router.post('password', [AuthController, 'changePassword'])
        router.post('sessions/end-others', [AuthController, 'endOtherSessions'])
        router.post('verify-email/resend', [AuthController, 'resendVerification'])
        router.get('tokens', [AccessTokensController, 'index'])
        router.post('tokens', [AccessTokensController, 'store'])
        router.delete('tokens/:tokenId', [AccessTokensController, 'destroy'])
        router.get('notifications', [NotificationsController, 'index'])
        router.post('notifications/read-all', [NotificationsController, 'readAll'])
        router.post('notifications/:notificationId/read', [NotificationsController, 'read'])
      })
      .use(middleware.auth())
  })
  .prefix('/api/v1/auth')

router
  .group(() => {
    router.get('preferences/:key', [PreferencesController, 'show'])
    router.put('preferences/:key', [PreferencesController, 'update'])
  })
  .prefix('/api/v1/me')
  .use(middleware.auth())

router.get('/api/v1/invitations/:token', [InvitationsController, 'show'])
router.get('/api/v1/public/modules/:moduleId/remote', [ModulesController, 'publicRemote'])
router.get(LOCAL_FILE_ROUTE, [FilesController, 'serve'])
router
  .post('/api/v1/invitations/:token/accept', [InvitationsController, 'accept'])
  .use(middleware.auth())

router
  .group(() => {
    router.get('/', [OrganizationsController, 'index'])
    router.post('/', [OrganizationsController, 'store'])
  })
  .prefix('/api/v1/orgs')
  .use(middleware.auth())

router
  .group(() => {
    router.get('/', [OrganizationsController, 'show'])
    router.patch('/', [OrganizationsController, 'update'])
    router.post('logo', [OrganizationsController, 'uploadLogo'])
    router.get('logo', [OrganizationsController, 'logo'])

    router.get('members', [MembersController, 'index'])
    router.patch('members/:memberId', [MembersController, 'update'])
    router.delete('members/:memberId', [MembersController, 'destroy'])
    router.post('leave', [MembersController, 'leave'])
    router.post('transfer-ownership', [MembersController, 'transferOwnership'])

    router.get('invitations', [InvitationsController, 'index'])
    router.post('invitations', [InvitationsController, 'store'])
    router.delete('invitations/:invitationId', [InvitationsController, 'destroy'])
    router.post('invitations/:invitationId/resend', [InvitationsController, 'resend'])

    router.get('onboarding', [OnboardingController, 'show'])
    router.post('onboarding/dismiss', [OnboardingController, 'dismiss'])
    router.post('onboarding/sample-data', [OnboardingController, 'loadSampleData'])
    router.delete('onboarding/sample-data', [OnboardingController, 'removeSampleData'])

    router.get('audit-log', [AuditLogController, 'index'])

    router.get('jobs', [JobsController, 'index'])
    router.post('jobs/:jobId/retry', [JobsController, 'retry'])
    router.post('jobs/:jobId/discard', [JobsController, 'discard'])

    router.get('modules', [ModulesController, 'index'])
    router.post('modules/:moduleId/enable', [ModulesController, 'enable'])
    router.post('modules/:moduleId/disable', [ModulesController, 'disable'])
    router.get('shell-manifest', [ModulesController, 'shellManifest'])

    router.get('search', [SearchController, 'index'])
  })
  .prefix('/api/v1/orgs/:orgId')
  .use([middleware.auth(), middleware.organization()])
