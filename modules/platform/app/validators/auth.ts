import vine from '@vinejs/vine'

const email = () => vine.string().trim().email().maxLength(254)
const newPassword = () => vine.string().minLength(10).maxLength(128)
const locale = () => vine.enum(['fr', 'en'] as const)

/** Sign-up form. */
export const signUpValidator = vine.create({
  fullName: vine.string().trim().minLength(2).maxLength(120),
  email: email(),
  password: newPassword(),
  locale: locale().optional(),
  /** The token of the invitation link the visitor came from: accepted with the sign-up. */
  invitationToken: vine.string().trim().maxLength(200).optional(),
})

/** Sign-in form. */
export const signInValidator = vine.create({
  email: email(),
  password: vine.string().maxLength(128),
})

/** Profile changes the user makes to themselves. */
export const updateProfileValidator = vine.create({
  fullName: vine.string().trim().minLength(2).maxLength(120).optional(),
  locale: locale().optional(),
})

/** Password change: it ends the user's other sessions, and their access tokens unless `revokeAccessTokens` is false. */
export const changePasswordValidator = vine.create({
  currentPassword: vine.string().maxLength(128),
  password: newPassword(),
  revokeAccessTokens: vine.boolean().optional(),
})

/** A move of the account to another address, confirmed from that address's mailbox. */
export const changeEmailValidator = vine.create({
  email: email(),
  currentPassword: vine.string().maxLength(128),
})

/** Use an emailed address-change token. */
export const confirmEmailChangeValidator = vine.create({
  token: vine.string().trim().maxLength(200),
})

/** Deleting one's own account. */
export const deleteAccountValidator = vine.create({ currentPassword: vine.string().maxLength(128) })

/** "Sign out of my other sessions", with the access tokens too unless `revokeAccessTokens` is false. */
export const endOtherSessionsValidator = vine.create({
  revokeAccessTokens: vine.boolean().optional(),
})

/** Request a password-reset email. */
export const forgotPasswordValidator = vine.create({ email: email() })

/** Use an emailed reset token. */
export const resetPasswordValidator = vine.create({
  token: vine.string().trim().maxLength(200),
  password: newPassword(),
})

/** Ask whether a reset link can still be used, before showing its form. */
export const checkResetTokenValidator = vine.create({ token: vine.string().trim().maxLength(200) })

/** Use an emailed verification token. */
export const verifyEmailValidator = vine.create({ token: vine.string().trim().maxLength(200) })

/** Create a personal access token. */
export const createAccessTokenValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(80),
  expiresInDays: vine.number().withoutDecimals().range([1, 365]).optional(),
})
