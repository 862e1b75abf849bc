/*
 * Every route anyone may call without signing in, and why. A test fails when a route is neither
 * behind the auth middleware nor listed here, and when a listed route no longer exists or now
 * requires signing in: opening a route to the public is a decision someone reviews in this file.
 * The built shell and remotes are not routes: app/middleware/web_assets_middleware.ts serves them
 * (GET and HEAD outside /api and /health) before the router, with no session and no database.
 */

/** `METHOD /pattern` of each public route, with the reason it is public. */
export const publicRoutes: Record<string, string> = {
  'GET /health/live': 'Liveness probe of the orchestrator.',
  'GET /health/ready': 'Readiness probe of the orchestrator.',

  'GET /api/v1/openapi.json': 'The API description integrators build on.',
  'GET /api/v1/docs': 'The API reference page.',
  'GET /api/v1/docs/scalar.js':
    'The script that draws the API reference page (Scalar, served from here).',

  'GET /api/v1/auth/csrf': 'Sets the CSRF cookie the sign-in form needs.',
  'POST /api/v1/auth/sign-up': 'Creating an account.',
  'POST /api/v1/auth/sign-in': 'Signing in (throttled per address and per account).',
  'POST /api/v1/auth/forgot-password':
    'Asking for a reset link when the password is lost (answers the same for unknown emails).',
  'POST /api/v1/auth/reset-password':
    'Using the emailed reset token (the token is the credential).',
  'POST /api/v1/auth/reset-password/check':
    'Whether an emailed reset token is still usable, before its form is shown (the token is the credential).',
  'POST /api/v1/auth/verify-email':
    'Using the emailed verification token (the token is the credential).',
  'POST /api/v1/auth/email/confirm':
    'Using the emailed address-change token (the token is the credential; the link may be opened signed out).',
  'GET /api/v1/public/modules/:moduleId/remote':
    "The remote (entry and file hashes) of a module's public page, which the shell loads for a customer without an account; only modules whose module.json declares `remote.publicPage`.",
  'GET /api/v1/public/invoicing/:token':
    "A document as its customer's page shows it (the signed, expiring token of the emailed link is the credential; polled with If-None-Match).",
  'POST /api/v1/public/invoicing/:token/accept':
    'The customer accepts a quote from its link (the signed, expiring token is the credential; the same answer twice is one).',
  'POST /api/v1/public/invoicing/:token/refuse':
    'The customer refuses a quote from its link (the signed, expiring token is the credential).',
  'GET /api/v1/public/invoicing/:token/pdf':
    'A document opened from its email by the customer (the signed, expiring token is the credential).',
  'GET /api/v1/public/payments/:token':
    "A customer's mobile-money payment page for an invoice (the signed, expiring token is the credential).",
  'POST /api/v1/public/payments/:token/requests':
    'The customer asks their phone to pay that invoice (the token is the credential; the phone confirms).',
  'GET /api/v1/public/payments/:token/requests/:requestId':
    'The payment page polls its request (the token is the credential; only its own invoice).',
  'POST /api/v1/public/payments/callbacks/:organizationId':
    "The payment gateway's callback (its HMAC signature is the credential; /status decides, never the callback).",
  'GET /api/v1/auth/providers': 'The OAuth/OIDC buttons of the sign-in page.',
  'GET /api/v1/auth/oauth/:provider/redirect': 'Starts signing in with a provider.',
  'GET /api/v1/auth/oauth/:provider/callback':
    'Where the provider sends the browser back to finish signing in.',

  'GET /api/v1/invitations/:token':
    'Shows an invitation before the invitee has an account (the token is the credential).',
  'GET /api/v1/files/*':
    'Reads a file of the local disk through a short-lived signed URL (the signature is the credential; 403 without it).',

  'GET /marketplace/files/:moduleId/:version/*':
    'Files of approved vendor modules, immutable: the catalogue shows them to every organisation, and the sandboxed iframe of another origin has no session.',
  'GET /marketplace/signatures/:moduleId/:version':
    'The signed hash list the shell checks those files against.',
  'GET /marketplace/frame/:moduleId/:version':
    'The sandboxed iframe document of an approved vendor module (opaque origin, no session: it calls the API with the scoped token the shell hands it).',
}
