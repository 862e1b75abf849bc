import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { platformConfig } from '../services/platform_config.ts'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import Organization from '../models/organization.ts'
import Membership from '../models/membership.ts'
import { createOrganizationValidator, logoValidator, updateOrganizationValidator } from '../validators/organization.ts'
import { serializeOrganization } from '../transformers/organization_transformer.ts'
import { auditLog } from '../services/audit_log.ts'
import { sniffImage } from '../services/image_sniffer.ts'
import { DomainError, notFound } from '../../contracts/domain_error.ts'

const logoDirectory = () => join(platformConfig.dataDir, 'logos')

/** Organisations: the ones a user belongs to, creating one, and its settings. */
export default class OrganizationsController {
  async index({ auth }: HttpContext) {
    const memberships = await Membership.query().where('user_id', auth.user!.id).preload('organization')
    return {
      data: memberships
        .map((membership) => ({ id: membership.organizationId, name: membership.organization.name, role: membership.role }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }
  }

  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createOrganizationValidator)
    const user = ctx.auth.user!
    const organization = await db.transaction(async (trx) => {
      const created = await Organization.create(
        { name: payload.name, defaultCurrency: payload.defaultCurrency ?? 'CDF', locale: payload.locale ?? user.locale },
        { client: trx }
      )
      await Membership.create({ organizationId: created.id, userId: user.id, role: 'owner' }, { client: trx })
      await auditLog.record(
        { organizationId: created.id, actorId: user.id, action: 'organization.created', subjectType: 'organization', subjectId: created.id, ip: ctx.request.ip() },
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
    const payload = await ctx.request.validateUsing(updateOrganizationValidator)
    const organization = ctx.organization
    await db.transaction(async (trx) => {
      organization.useTransaction(trx)
      organization.merge(payload)
      const changed = Object.keys(organization.$dirty)
      await organization.save()
      if (changed.length) {
        await auditLog.record(
          { organizationId: organization.id, actorId: ctx.auth.user!.id, action: 'organization.updated', subjectType: 'organization', subjectId: organization.id, metadata: { fields: changed }, ip: ctx.request.ip() },
          trx
        )
      }
    })
    return { organization: serializeOrganization(organization) }
  }

  async uploadLogo(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    const { logo } = await ctx.request.validateUsing(logoValidator)
    const bytes = await readFile(logo.tmpPath!)
    const image = sniffImage(bytes)
    if (!image) throw new DomainError('E_INVALID_IMAGE', 422, 'platform.errors.E_INVALID_IMAGE', {}, 'logo')
    await mkdir(logoDirectory(), { recursive: true })
    const organization = ctx.organization
    const previous = organization.logoPath
    const fileName = `${organization.id}.${image.extension}`
    // Written aside then renamed, so a reader never sees half a file.
    const partial = join(logoDirectory(), `${fileName}.${process.pid}.partial`)
    await writeFile(partial, bytes)
    await rename(partial, join(logoDirectory(), fileName))
    await db.transaction(async (trx) => {
      organization.useTransaction(trx)
      organization.logoPath = fileName
      await organization.save()
      await auditLog.record(
        { organizationId: organization.id, actorId: ctx.auth.user!.id, action: 'organization.logo_updated', subjectType: 'organization', subjectId: organization.id, metadata: { type: image.type, bytes: bytes.length }, ip: ctx.request.ip() },
        trx
      )
    })
    if (previous && previous !== fileName) await rm(join(logoDirectory(), previous), { force: true })
    return { organization: serializeOrganization(organization) }
  }

  async logo({ organization, response }: HttpContext) {
    if (!organization.logoPath) throw notFound()
    const bytes = await readFile(join(logoDirectory(), organization.logoPath)).catch(() => null)
    const image = bytes && sniffImage(bytes)
    if (!bytes || !image) throw notFound()
    response.header('content-type', image.type)
    response.header('cache-control', 'private, max-age=300')
    return response.send(bytes)
  }
}
