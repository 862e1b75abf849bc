/*
 * The platform's part of the API reference: one description per route, and the schemas that have no
 * serializer yet (the others are their serializers' own, in app/transformers/).
 * A test fails when a route has no description here (or in its module's start/openapi.ts).
 */
import {
  createAccessTokenValidator,
  changeEmailValidator,
  changePasswordValidator,
  confirmEmailChangeValidator,
  deleteAccountValidator,
  endOtherSessionsValidator,
  forgotPasswordValidator,
  resetPasswordValidator,
  signInValidator,
  signUpValidator,
  updateProfileValidator,
  verifyEmailValidator,
} from '../app/validators/auth.ts'
import {
  createInvitationValidator,
  createOrganizationValidator,
  logoValidator,
  pageValidator,
  transferOwnershipValidator,
  updateMemberValidator,
  updateOrganizationValidator,
} from '../app/validators/organization.ts'
import { searchValidator } from '../app/validators/search.ts'
import { serializeUser } from '../app/transformers/user_transformer.ts'
import {
  serializeInvitation,
  serializeInvitationPreview,
  serializeMember,
  serializeOrganization,
  serializeOrganizationMembership,
} from '../app/transformers/organization_transformer.ts'
import {
  serializeAccessToken,
  serializeNewAccessToken,
} from '../app/transformers/access_token_transformer.ts'
import { serializeAuditEntry } from '../app/transformers/audit_entry_transformer.ts'
import {
  serializeModule,
  serializePublicRemote,
  serializeShellManifest,
} from '../app/transformers/module_transformer.ts'
import { serializeSearchResult } from '../app/transformers/search_result_transformer.ts'
import { defineSchemas, describeRoute, listOf, pageOf, wrapped } from '../app/openapi/registry.ts'
import './openapi_notifications.ts'
import './openapi_jobs.ts'
import './openapi_onboarding.ts'
import './openapi_preferences.ts'

const role = { enum: ['owner', 'admin', 'member'] }

defineSchemas({
  ErrorResponse: {
    type: 'object',
    description: 'Every error answer.',
    properties: {
      errors: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            code: {
              type: 'string',
              description: 'Stable code, e.g. `E_NOT_FOUND`, `E_VALIDATION`.',
            },
            message: { type: 'string', description: "In the caller's language." },
            field: { type: 'string', description: 'The input field at fault (validation errors).' },
          },
          required: ['code', 'message'],
        },
      },
    },
    required: ['errors'],
  },
  PaginationMeta: {
    type: 'object',
    properties: {
      total: { type: 'integer' },
      perPage: { type: 'integer' },
      currentPage: { type: 'integer' },
      lastPage: { type: 'integer' },
    },
    required: ['total', 'perPage', 'currentPage', 'lastPage'],
  },
})

const user = wrapped('user', serializeUser.ref)
const organization = wrapped('organization', serializeOrganization.ref)
const throttled =
  'Too many attempts from this address or for this account: `E_TOO_MANY_REQUESTS` (see `Retry-After`).'
const adminOnly = 'The caller is a member without the admin role: `E_FORBIDDEN`.'
const params = {
  orgId: 'The organisation id (uuid).',
  memberId: 'The membership id (`id` of a member, uuid).',
  invitationId: 'The invitation id (uuid).',
  moduleId: 'The module id from the catalogue, e.g. `contacts`.',
  tokenId: 'The access token id.',
  token: 'The secret from the invitation link.',
}

describeRoute('GET /api/v1/openapi.json', {
  operationId: 'getOpenApiDocument',
  summary: 'This API description (OpenAPI 3.1)',
  tags: ['Reference'],
  responses: { 200: { description: 'The OpenAPI document.', schema: { type: 'object' } } },
})
describeRoute('GET /api/v1/docs', {
  operationId: 'getApiReference',
  summary: 'This API reference as a web page',
  tags: ['Reference'],
  responses: {
    200: { description: 'An HTML page.', schema: { type: 'string' }, contentType: 'text/html' },
  },
})
describeRoute('GET /api/v1/docs/scalar.js', {
  operationId: 'getApiReferenceScript',
  summary: 'The script of the reference page (Scalar, self-hosted)',
  tags: ['Reference'],
  responses: {
    200: { description: 'JavaScript.', schema: { type: 'string' }, contentType: 'text/javascript' },
  },
})

describeRoute('GET /api/v1/auth/csrf', {
  operationId: 'getCsrfCookie',
  summary: 'Set the XSRF-TOKEN cookie',
  description:
    'Browsers call it once, then send the cookie value in the `X-XSRF-TOKEN` header on every write.',
  tags: ['Auth'],
  responses: { 204: 'The cookie is set.' },
})
describeRoute('POST /api/v1/auth/sign-up', {
  operationId: 'signUp',
  summary: 'Create an account (and sign in)',
  description:
    'Sends an email with a verification link. With `invitationToken` (from an invitation link) the address must be the invited one: it counts as verified and the invitation is accepted at once (`organization` in the answer).',
  tags: ['Auth'],
  request: signUpValidator,
  requestExample: {
    fullName: 'Amani Kabila',
    email: 'amani@example.cd',
    password: 'motdepasse-solide',
    locale: 'fr',
  },
  responses: {
    201: { description: 'Signed in.', schema: user },
    404: 'Unknown, used or expired `invitationToken`: `E_INVITATION_INVALID`.',
    422: 'Invalid input, the address is taken (`E_EMAIL_TAKEN`), or not the invited one (`E_INVITATION_OTHER_EMAIL`).',
    429: throttled,
  },
})
describeRoute('POST /api/v1/auth/sign-in', {
  operationId: 'signIn',
  summary: 'Sign in with email and password',
  tags: ['Auth'],
  request: signInValidator,
  requestExample: { email: 'amani@example.cd', password: 'motdepasse-solide' },
  responses: {
    200: { description: 'Signed in: the session cookie is set.', schema: user },
    400: 'Wrong email or password: `E_INVALID_CREDENTIALS`.',
    429: throttled,
  },
})
describeRoute('GET /api/v1/auth/providers', {
  operationId: 'listSignInProviders',
  summary: 'The OAuth/OIDC providers offered on the sign-in page',
  tags: ['Auth'],
  responses: {
    200: {
      description: 'May be empty.',
      schema: wrapped('providers', {
        type: 'array',
        items: {
          type: 'object',
          properties: { id: { type: 'string' }, name: { type: 'string' } },
          required: ['id', 'name'],
        },
      }),
    },
  },
})
describeRoute('GET /api/v1/auth/oauth/:provider/redirect', {
  operationId: 'startOauthSignIn',
  summary: 'Start signing in with a provider (browser navigation)',
  description: 'Redirects to the provider; on failure, back to `/sign-in?error=<code>`.',
  tags: ['Auth'],
  params: { provider: 'A provider id from `GET /api/v1/auth/providers`.' },
  responses: { 302: 'To the provider, or to `/sign-in?error=<code>`.' },
})
describeRoute('GET /api/v1/auth/oauth/:provider/callback', {
  operationId: 'finishOauthSignIn',
  summary: 'Where the provider sends the browser back (browser navigation)',
  description:
    'Signs the user in (creating or linking the account) and redirects to `/`; on failure to `/sign-in?error=<code>`.',
  tags: ['Auth'],
  params: { provider: 'A provider id from `GET /api/v1/auth/providers`.' },
  responses: { 302: 'To `/` signed in, or to `/sign-in?error=<code>`.' },
})
describeRoute('POST /api/v1/auth/sign-out', {
  operationId: 'signOut',
  summary: 'Sign out of this session',
  tags: ['Auth'],
  responses: { 204: 'Signed out.' },
})
describeRoute('GET /api/v1/auth/me', {
  operationId: 'getMe',
  summary: 'The signed-in user and their organisations',
  tags: ['Auth'],
  responses: {
    200: {
      description: 'The user.',
      schema: {
        type: 'object',
        properties: {
          user: serializeUser.ref,
          organizations: { type: 'array', items: serializeOrganizationMembership.ref },
        },
        required: ['user', 'organizations'],
      },
    },
  },
})
describeRoute('PATCH /api/v1/auth/me', {
  operationId: 'updateMe',
  summary: 'Change my name or language',
  tags: ['Auth'],
  request: updateProfileValidator,
  requestExample: { locale: 'en' },
  responses: { 200: { description: 'The updated user.', schema: user } },
})
describeRoute('POST /api/v1/auth/password', {
  operationId: 'changePassword',
  summary: 'Change my password',
  description:
    'Ends every other session of the user and, unless `revokeAccessTokens` is false, every personal access token but the one making the request. ' +
    'Failed checks of the current password lock the checks as failed sign-ins do.',
  tags: ['Auth'],
  request: changePasswordValidator,
  requestExample: {
    currentPassword: 'motdepasse-solide',
    password: 'nouveau-mot-de-passe',
    revokeAccessTokens: true,
  },
  responses: {
    204: 'Changed.',
    422: 'Invalid input, or the current password is wrong (`E_WRONG_PASSWORD`).',
    429: throttled,
  },
})
describeRoute('POST /api/v1/auth/sessions/end-others', {
  operationId: 'endOtherSessions',
  summary: 'Sign out of my other sessions',
  description:
    'Ends every session of the user but this one and, unless `revokeAccessTokens` is false, every personal access token but the one making the request.',
  tags: ['Auth'],
  request: endOtherSessionsValidator,
  requestExample: { revokeAccessTokens: true },
  responses: { 204: 'Ended.' },
})
describeRoute('POST /api/v1/auth/forgot-password', {
  operationId: 'forgotPassword',
  summary: 'Email a password-reset link',
  description:
    'Answers 202, in the same time, whether or not the address has an account: the mail is sent by a job.',
  tags: ['Auth'],
  request: forgotPasswordValidator,
  requestExample: { email: 'amani@example.cd' },
  responses: { 202: { description: 'Accepted.', schema: { type: 'object' } }, 429: throttled },
})
describeRoute('POST /api/v1/auth/reset-password', {
  operationId: 'resetPassword',
  summary: 'Set a new password with an emailed token',
  description: 'Ends every session and every personal access token of the user.',
  tags: ['Auth'],
  request: resetPasswordValidator,
  requestExample: { token: 'token-from-the-email', password: 'nouveau-mot-de-passe' },
  responses: { 204: 'Changed.', 400: 'Unknown, used or expired token: `E_INVALID_TOKEN`.' },
})
describeRoute('POST /api/v1/auth/verify-email', {
  operationId: 'verifyEmail',
  summary: 'Confirm an email address with an emailed token',
  tags: ['Auth'],
  request: verifyEmailValidator,
  requestExample: { token: 'token-from-the-email' },
  responses: { 204: 'Verified.', 400: 'Unknown, used or expired token: `E_INVALID_TOKEN`.' },
})
describeRoute('POST /api/v1/auth/email', {
  operationId: 'changeEmail',
  summary: 'Move my account to another email address',
  description:
    'Mails a confirmation link to the new address and a notice to the current one; the address changes only when the link is followed. ' +
    'Limited per client address and per account; failed checks of the current password lock the checks as failed sign-ins do.',
  tags: ['Auth'],
  request: changeEmailValidator,
  requestExample: { email: 'amani.nouveau@example.cd', currentPassword: 'motdepasse-solide' },
  responses: {
    202: { description: 'Confirmation link sent.', schema: { type: 'object' } },
    422: "Invalid input, the current password is wrong (`E_WRONG_PASSWORD`), the address is taken (`E_EMAIL_TAKEN`) or already the account's (`E_SAME_EMAIL`).",
    429: throttled,
  },
})
describeRoute('POST /api/v1/auth/email/confirm', {
  operationId: 'confirmEmailChange',
  summary: 'Confirm a new email address with an emailed token',
  description:
    'The account then answers at the new address, counted as verified; the previous address is told.',
  tags: ['Auth'],
  request: confirmEmailChangeValidator,
  requestExample: { token: 'token-from-the-email' },
  responses: {
    200: { description: 'The updated user.', schema: user },
    400: 'Unknown, used or expired token: `E_INVALID_TOKEN`.',
    422: 'The address was taken by another account meanwhile: `E_EMAIL_TAKEN`.',
  },
})
const organizationsList = {
  type: 'array',
  items: {
    type: 'object',
    properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' } },
    required: ['id', 'name'],
  },
}
describeRoute('GET /api/v1/auth/me/deletion', {
  operationId: 'getAccountDeletionPlan',
  summary: 'What deleting my account would do to each of my organisations',
  tags: ['Auth'],
  responses: {
    200: {
      description:
        '`blocking`: owned with other members (hand ownership over first); `deleted`: I am the only member, deleted with their data; `left`: I leave them, their data stays.',
      schema: {
        type: 'object',
        properties: {
          blocking: organizationsList,
          deleted: organizationsList,
          left: organizationsList,
        },
        required: ['blocking', 'deleted', 'left'],
      },
    },
  },
})
describeRoute('DELETE /api/v1/auth/me', {
  operationId: 'deleteAccount',
  summary: 'Delete my account',
  description:
    'In one transaction: the organisations of which the user is the only member are deleted with their data (their files by a job), the others record the departure; every session and token ends. ' +
    'Refused while the user owns an organisation that has other members.',
  tags: ['Auth'],
  request: deleteAccountValidator,
  requestExample: { currentPassword: 'motdepasse-solide' },
  responses: {
    204: 'Deleted.',
    422: 'Invalid input, the current password is wrong (`E_WRONG_PASSWORD`), or the user owns organisations with other members (`E_ACCOUNT_OWNS_ORGANIZATIONS`).',
    429: throttled,
  },
})
describeRoute('POST /api/v1/auth/verify-email/resend', {
  operationId: 'resendVerificationEmail',
  summary: 'Send the verification email again',
  tags: ['Auth'],
  responses: { 204: 'Sent (or already verified).', 429: throttled },
})
describeRoute('GET /api/v1/auth/tokens', {
  operationId: 'listAccessTokens',
  summary: 'My personal access tokens',
  tags: ['Access tokens'],
  responses: {
    200: {
      description: 'The tokens (never their secret).',
      schema: listOf(serializeAccessToken.ref),
    },
  },
})
describeRoute('POST /api/v1/auth/tokens', {
  operationId: 'createAccessToken',
  summary: 'Create a personal access token for an API client',
  tags: ['Access tokens'],
  request: createAccessTokenValidator,
  requestExample: { name: 'Comptabilité', expiresInDays: 90 },
  responses: {
    201: {
      description: 'The token, with its secret shown once.',
      schema: wrapped('token', serializeNewAccessToken.ref),
    },
  },
})
describeRoute('DELETE /api/v1/auth/tokens/:tokenId', {
  operationId: 'deleteAccessToken',
  summary: 'Revoke one of my access tokens',
  tags: ['Access tokens'],
  params: { tokenId: params.tokenId },
  responses: { 204: 'Revoked.' },
})

describeRoute('GET /api/v1/invitations/:token', {
  operationId: 'getInvitation',
  summary: 'What an invitation link offers',
  tags: ['Invitations'],
  params: { token: params.token },
  responses: {
    200: {
      description: 'The invitation.',
      schema: wrapped('invitation', serializeInvitationPreview.ref),
    },
    404: 'Unknown, used or expired invitation: `E_INVITATION_INVALID`.',
  },
})
describeRoute('POST /api/v1/invitations/:token/accept', {
  operationId: 'acceptInvitation',
  summary: 'Join the organisation of an invitation',
  description: 'The signed-in user must have the email address the invitation was sent to.',
  tags: ['Invitations'],
  params: { token: params.token },
  responses: {
    200: {
      description: 'The organisation joined.',
      schema: wrapped('organization', serializeOrganizationMembership.ref),
    },
    403: 'Signed in with another email address: `E_INVITATION_OTHER_EMAIL`.',
    404: 'Unknown, used or expired invitation: `E_INVITATION_INVALID`.',
  },
})

describeRoute('GET /api/v1/orgs', {
  operationId: 'listOrganizations',
  summary: 'The organisations I belong to',
  tags: ['Organisations'],
  responses: {
    200: { description: 'Sorted by name.', schema: listOf(serializeOrganizationMembership.ref) },
  },
})
describeRoute('POST /api/v1/orgs', {
  operationId: 'createOrganization',
  summary: 'Create an organisation (I become its owner)',
  tags: ['Organisations'],
  request: createOrganizationValidator,
  requestExample: { name: 'Boulangerie du Fleuve', defaultCurrency: 'CDF', locale: 'fr' },
  responses: { 201: { description: 'Created.', schema: organization } },
})
describeRoute('GET /api/v1/orgs/:orgId', {
  operationId: 'getOrganization',
  summary: 'An organisation and my role in it',
  tags: ['Organisations'],
  params: { orgId: params.orgId },
  responses: {
    200: {
      description: 'The organisation.',
      schema: {
        type: 'object',
        properties: { organization: serializeOrganization.ref, role },
        required: ['organization', 'role'],
      },
    },
  },
})
describeRoute('PATCH /api/v1/orgs/:orgId', {
  operationId: 'updateOrganization',
  summary: "Change an organisation's settings",
  tags: ['Organisations'],
  permission: 'platform.organization.update',
  params: { orgId: params.orgId },
  request: updateOrganizationValidator,
  requestExample: { legalName: 'Boulangerie du Fleuve SARL', city: 'Kinshasa', country: 'CD' },
  responses: {
    200: { description: 'The updated organisation.', schema: organization },
    403: adminOnly,
  },
})
describeRoute('POST /api/v1/orgs/:orgId/logo', {
  operationId: 'uploadOrganizationLogo',
  summary: "Upload the organisation's logo",
  description:
    'PNG, JPEG or WebP, 2 MB at most (413 `E_FILE_TOO_LARGE` above); the type is read from the bytes, not the file name (422 `E_FILE_TYPE_NOT_ALLOWED`).',
  tags: ['Organisations'],
  permission: 'platform.organization.update',
  params: { orgId: params.orgId },
  request: logoValidator,
  responses: {
    200: { description: 'The updated organisation.', schema: organization },
    403: adminOnly,
    413: 'The file is larger than 2 MB: `E_FILE_TOO_LARGE`, on the `logo` field.',
  },
})
describeRoute('GET /api/v1/orgs/:orgId/logo', {
  operationId: 'getOrganizationLogo',
  summary: "The organisation's logo",
  description:
    'Redirects to a signed URL of the image valid 5 minutes (the local file route, or the S3 bucket).',
  tags: ['Organisations'],
  params: { orgId: params.orgId },
  responses: {
    302: { description: 'Redirect to the signed URL of the image (`Location` header).' },
  },
})
describeRoute('GET /api/v1/files/*', {
  operationId: 'getSignedFile',
  summary: 'A file of the local disk, through a signed URL',
  description:
    'Only URLs the API hands out (e.g. the logo redirect) work: the signature covers the path and the expiry. Served with its type, `nosniff` and a sandboxing CSP. With S3, signed URLs point at the bucket instead.',
  tags: ['Files'],
  params: {
    '*': 'The storage key, `orgs/<organizationId>/<module>/<name>`, followed by the signature query string.',
  },
  responses: {
    200: {
      description: 'The file.',
      schema: { type: 'string', contentMediaType: 'application/octet-stream' },
      contentType: 'application/octet-stream',
    },
    403: 'Missing, tampered or expired signature: `E_FILE_LINK_INVALID`.',
  },
})

describeRoute('GET /api/v1/orgs/:orgId/members', {
  operationId: 'listMembers',
  summary: 'The members of an organisation',
  tags: ['Members'],
  params: { orgId: params.orgId },
  responses: { 200: { description: 'In joining order.', schema: listOf(serializeMember.ref) } },
})
describeRoute('PATCH /api/v1/orgs/:orgId/members/:memberId', {
  operationId: 'updateMember',
  summary: "Change a member's role",
  description: 'Ownership moves only by transfer.',
  tags: ['Members'],
  permission: 'platform.member.manage',
  params: { orgId: params.orgId, memberId: params.memberId },
  request: updateMemberValidator,
  requestExample: { role: 'member' },
  responses: {
    200: { description: 'The member.', schema: wrapped('member', serializeMember.ref) },
    403: adminOnly,
  },
})
describeRoute('DELETE /api/v1/orgs/:orgId/members/:memberId', {
  operationId: 'removeMember',
  summary: 'Remove a member (their sessions end)',
  tags: ['Members'],
  permission: 'platform.member.manage',
  params: { orgId: params.orgId, memberId: params.memberId },
  responses: { 204: 'Removed.', 403: adminOnly },
})
describeRoute('POST /api/v1/orgs/:orgId/leave', {
  operationId: 'leaveOrganization',
  summary: 'Leave an organisation',
  tags: ['Members'],
  params: { orgId: params.orgId },
  responses: {
    204: 'Left.',
    409: 'The owner must transfer ownership first: `E_OWNER_CANNOT_LEAVE`.',
  },
})
describeRoute('POST /api/v1/orgs/:orgId/transfer-ownership', {
  operationId: 'transferOwnership',
  summary: 'Hand ownership to another member (I become admin)',
  tags: ['Members'],
  params: { orgId: params.orgId },
  request: transferOwnershipValidator,
  requestExample: { memberId: '0b8f6c2e-4a51-4d7e-9a53-0f2f1c4f9d11' },
  responses: { 204: 'Transferred.', 403: 'Only the owner can transfer ownership: `E_FORBIDDEN`.' },
})

describeRoute('GET /api/v1/orgs/:orgId/invitations', {
  operationId: 'listInvitations',
  summary: 'Pending invitations',
  tags: ['Invitations'],
  permission: 'platform.member.manage',
  params: { orgId: params.orgId },
  responses: {
    200: { description: 'Newest first.', schema: listOf(serializeInvitation.ref) },
    403: adminOnly,
  },
})
describeRoute('POST /api/v1/orgs/:orgId/invitations', {
  operationId: 'createInvitation',
  summary: 'Invite someone by email',
  description:
    'Emails a link `/invitations/<token>`, valid 7 days; replaces a pending invitation to the same address.',
  tags: ['Invitations'],
  permission: 'platform.member.manage',
  params: { orgId: params.orgId },
  request: createInvitationValidator,
  requestExample: { email: 'comptable@example.cd', role: 'member' },
  responses: {
    201: { description: 'Invited.', schema: wrapped('invitation', serializeInvitation.ref) },
    403: adminOnly,
    422: 'Invalid input, or already a member (`E_ALREADY_MEMBER`).',
  },
})
describeRoute('DELETE /api/v1/orgs/:orgId/invitations/:invitationId', {
  operationId: 'revokeInvitation',
  summary: 'Revoke a pending invitation',
  tags: ['Invitations'],
  permission: 'platform.member.manage',
  params: { orgId: params.orgId, invitationId: params.invitationId },
  responses: { 204: 'Revoked.', 403: adminOnly },
})

describeRoute('GET /api/v1/orgs/:orgId/audit-log', {
  operationId: 'listAuditEntries',
  summary: "The organisation's audit log, newest first",
  tags: ['Audit log'],
  permission: 'platform.audit.read',
  params: { orgId: params.orgId },
  query: pageValidator,
  responses: {
    200: {
      description: 'One page (50 entries by default).',
      schema: pageOf(serializeAuditEntry.ref),
    },
    403: adminOnly,
  },
})

describeRoute('GET /api/v1/orgs/:orgId/modules', {
  operationId: 'listModules',
  summary: 'The module catalogue and what is enabled',
  tags: ['Modules'],
  params: { orgId: params.orgId },
  responses: { 200: { description: 'The optional modules.', schema: listOf(serializeModule.ref) } },
})
describeRoute('POST /api/v1/orgs/:orgId/modules/:moduleId/enable', {
  operationId: 'enableModule',
  summary: 'Enable a module for the organisation',
  tags: ['Modules'],
  permission: 'platform.module.manage',
  params: { orgId: params.orgId, moduleId: params.moduleId },
  responses: {
    200: { description: 'The module.', schema: wrapped('module', serializeModule.ref) },
    403: adminOnly,
    409: 'A module it depends on is disabled: `E_MODULE_DEPENDENCY_MISSING` names them.',
  },
})
describeRoute('POST /api/v1/orgs/:orgId/modules/:moduleId/disable', {
  operationId: 'disableModule',
  summary: 'Disable a module (its data is kept)',
  tags: ['Modules'],
  permission: 'platform.module.manage',
  params: { orgId: params.orgId, moduleId: params.moduleId },
  responses: {
    200: { description: 'The module.', schema: wrapped('module', serializeModule.ref) },
    403: adminOnly,
    409: 'An enabled module depends on it: `E_MODULE_REQUIRED_BY` names them.',
  },
})
describeRoute('GET /api/v1/public/modules/:moduleId/remote', {
  operationId: 'getPublicRemote',
  summary: "A module's remote for its public page, without an account",
  description:
    'Only modules whose module.json declares `remote.publicPage`: the shell mounts their `./PublicPage` at `/public/<module>/<token>`; the module checks the token itself.',
  tags: ['Modules'],
  params: { moduleId: 'The module id, e.g. `invoicing`.' },
  responses: {
    200: { description: 'The remote.', schema: serializePublicRemote.ref },
    404: 'No such module, no public page, or its remote is not built: `E_MODULE_NOT_FOUND`.',
  },
})
describeRoute('GET /api/v1/orgs/:orgId/shell-manifest', {
  operationId: 'getShellManifest',
  summary: "The enabled modules' remotes, for the shell",
  tags: ['Modules'],
  params: { orgId: params.orgId },
  responses: { 200: { description: 'The manifest.', schema: serializeShellManifest.ref } },
})

describeRoute('GET /api/v1/orgs/:orgId/search', {
  operationId: 'searchOrganization',
  summary: "Search the organisation's records across its enabled modules",
  description:
    'Accent- and case-insensitive, by whole or partial words (french stemming), tolerant of small typos in titles. ' +
    "Only the organisation's own records, of the modules it has enabled and that the member may read. " +
    '`types` narrows to some record types (comma separated).',
  tags: ['Search'],
  params: { orgId: params.orgId },
  query: searchValidator,
  responses: {
    200: {
      description: 'The best matches first (20 by default, at most 50).',
      schema: listOf(serializeSearchResult.ref),
    },
  },
})
