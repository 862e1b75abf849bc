const withoutTrailingSlash = (path: string) => path.replace(/\/+$/, '') || '/'

/**
 * The one navigation link the current page belongs to: the longest link path equal to the current path
 * or one of its parent paths ("/marketplace" for "/marketplace/installed" unless "/marketplace/installed"
 * is a link too). The root link only matches itself, or it would match every page.
 */
export function activeLinkPath(links: readonly string[], currentPath: string): string | null {
  const current = withoutTrailingSlash(currentPath)
  let best: string | null = null
  for (const link of links) {
    const path = withoutTrailingSlash(link)
    const matches = path === current || (path !== '/' && current.startsWith(`${path}/`))
    if (matches && (best === null || path.length > withoutTrailingSlash(best).length)) best = link
  }
  return best
}
