import type { MailContent, MailTemplate } from '@ia/kernel/contracts'

const TEMPLATE_NAME = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/

/** Every mail template of the application, by `<module>.<mail>` name. Modules add theirs from their provider. */
class MailTemplateRegistry {
  readonly #templates = new Map<string, MailTemplate<any>>()
  readonly #jobTitles = new Map<string, string>()

  /** Adds a template; a name can be defined once. `jobTitle` is the i18n key the jobs tray shows while it is sent (`{to}` is the address). */
  define<D>(name: string, template: MailTemplate<D>, options: { jobTitle?: string } = {}) {
    if (!TEMPLATE_NAME.test(name))
      throw new Error(`Mail template name "${name}" must look like "<module>.<mail>"`)
    if (this.#templates.has(name)) throw new Error(`Mail template "${name}" is defined twice`)
    this.#templates.set(name, template)
    if (options.jobTitle) this.#jobTitles.set(name, options.jobTitle)
  }

  /** The i18n key of the jobs tray's line while a mail of `name` is sent. */
  jobTitle(name: string) {
    return this.#jobTitles.get(name) ?? 'platform.jobs.mail.other'
  }

  /** The template of that name; throws when none is defined. */
  get(name: string): MailTemplate<unknown> {
    const template = this.#templates.get(name)
    if (!template) throw new Error(`Unknown mail template "${name}"`)
    return template
  }

  has(name: string) {
    return this.#templates.has(name)
  }
}

/** The process-wide mail template registry. */
export const mailTemplates = new MailTemplateRegistry()

/** Who the mail is from, as the recipient sees it at the top: the organisation or the product. */
export type MailBrand = { name: string; logoCid: string | null }

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/** The HTML part: one card with the brand, the heading, the paragraphs and the action button. */
export function renderHtml(content: MailContent, brand: MailBrand, locale: string) {
  const logo = brand.logoCid
    ? `<img src="cid:${brand.logoCid}" alt="${escapeHtml(brand.name)}" style="max-height:48px;margin-bottom:16px">`
    : ''
  const paragraphs = content.paragraphs
    .map(
      (paragraph) =>
        `<p style="font-size:15px;line-height:1.5;margin:0 0 16px">${escapeHtml(paragraph)}</p>`
    )
    .join('\n')
  const action = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#0b6e4f;color:#fff;text-decoration:none;padding:12px 20px;border-radius:6px;display:inline-block">${escapeHtml(content.action.label)}</a></p>`
    : ''
  const footer = [content.footer, content.action?.url]
    .filter(Boolean)
    .map((line) => escapeHtml(line!))
    .join('<br>')
  return `<!doctype html><html lang="${escapeHtml(locale)}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;background:#f4f6f8;font-family:Arial,sans-serif;color:#1f2933">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:32px 12px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background:#fff;border-radius:8px;padding:32px">
<tr><td>${logo}<p style="font-size:13px;color:#52606d;margin:0 0 8px">${escapeHtml(brand.name)}</p>
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(content.heading)}</h1>
${paragraphs}
${action}
${footer ? `<p style="font-size:12px;color:#7b8794;margin-top:24px">${footer}</p>` : ''}
</td></tr></table></td></tr></table></body></html>`
}

/** The plain-text part, for clients that do not show HTML. */
export function renderText(content: MailContent, brand: MailBrand) {
  return [
    brand.name,
    '',
    content.heading,
    '',
    ...content.paragraphs.flatMap((paragraph) => [paragraph, '']),
    content.action ? `${content.action.label}: ${content.action.url}\n` : '',
    content.footer ?? '',
  ]
    .join('\n')
    .trim()
}
