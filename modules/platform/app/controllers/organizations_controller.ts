import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import Organization from '../models/organization.ts'
import Membership from '../models/membership.ts'
import {
  createOrganizationValidator,
  logoValidator,
  updateOrganizationValidator,
} from '../validators/organization.ts'
import {
  serializeOrganization,
  serializeOrganizationMembership,
} from '../transformers/organization_transformer.ts'
import { auditLog } from '../services/audit_log.ts'
import { notFound } from '@ia/kernel/contracts'
import { files } from '../../contracts/files.ts'

/** What a logo may be: checked on its bytes. */
const LOGO_RULES = {
  field: 'logo',
  maxBytes: 2 * 1024 * 1024,
  types: ['image/png', 'image/jpeg', 'image/webp'],
}
/** How long the link the logo route redirects to stays valid. */
const LOGO_URL_SECONDS = 300

/** Organisations: the ones a user belongs to, creating one, and its settings. */
export default class OrganizationsController {
  async index({ auth }: HttpContext) {
    const memberships = await Membership.query()
      .where('user_id', auth.user!.id)
      .preload('organization')
    return {
      data: memberships
        .map(serializeOrganizationMembership)
        .sort((a, b) => a.name.localeCompare(b.name)),
    }
  }

  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createOrganizationValidator)
    const user = ctx.auth.user!
    const organization = await db.transaction(async (trx) => {
      const created = await Organization.create(
        {
          name: payload.name,
          defaultCurrency: payload.defaultCurrency ?? 'CDF',
          locale: payload.locale ?? user.locale,
        },
        { client: trx }
      )
      await Membership.create(
        { organizationId: created.id, userId: user.id, role: 'owner' },
        { client: trx }
      )
      await auditLog.record(
        {
          organizationId: created.id,
          actorId: user.id,
          action: 'organization.created',
          subjectType: 'organization',
          subjectId: created.id,
          ip: ctx.request.ip(),
        },
        trx
      )
      return created
    })
    await organization.refresh()
    return ctx.response.created({ organization: serializeOrganization(organization) })
  }

  async show({ organization, membership }: HttpContext) {
    return { organization: serializeOrganization(organization), role: membership.role }
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    const organization = ctx.organization
    const payload = await ctx.request.validateUsing(updateOrganizationValidator, {
      meta: { storedCountry: organization.country },
    })
    await db.transaction(async (trx) => {
      organization.useTransaction(trx)
      organization.merge(payload)
      const changed = Object.keys(organization.$dirty)
      await organization.save()
      if (changed.length) {
        await auditLog.record(
          {
            organizationId: organization.id,
            actorId: ctx.auth.user!.id,
            action: 'organization.updated',
            subjectType: 'organization',
            subjectId: organization.id,
            metadata: { fields: changed },
            ip: ctx.request.ip(),
          },
          trx
        )
      }
    })
    return { organization: serializeOrganization(organization) }
  }

  async uploadLogo(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    const { logo } = await ctx.request.validateUsing(logoValidator)
    const image = await files.checkUpload(logo, LOGO_RULES)
    const organization = ctx.organization
    const previous = organization.logoPath
    // A new name per upload: links to the previous logo keep working until it is deleted, and caches never mix the two.
    const path = `platform/logo-${randomUUID()}.${image.extension}`
    await files.put(organization.id, path, image.open(), {
      contentType: image.contentType,
      contentLength: image.size,
    })
    try {
      await db.transaction(async (trx) => {
        organization.useTransaction(trx)
        organization.logoPath = path
        await organization.save()
        await auditLog.record(
          {
            organizationId: organization.id,
            actorId: ctx.auth.user!.id,
            action: 'organization.logo_updated',
            subjectType: 'organization',
            subjectId: organization.id,
            metadata: { type: image.contentType, bytes: image.size },
            ip: ctx.request.ip(),
          },
          trx
        )
      })
    } catch (error) {
      await files.delete(organization.id, path)
      throw error
    }
    if (previous) await files.delete(organization.id, previous)
    return { organization: serializeOrganization(organization) }
  }

  /** Redirects to a short-lived signed URL of the logo (local route or S3). */
  async logo({ organization, response }: HttpContext) {
    if (!organization.logoPath) throw notFound()
    const url = await files.signedUrl(organization.id, organization.logoPath, {
      expiresIn: LOGO_URL_SECONDS,
    })
    response.header('cache-control', `private, max-age=${LOGO_URL_SECONDS - 60}`)
    return response.redirect(url)
  }
}
