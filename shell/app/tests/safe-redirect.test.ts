import { describe, expect, it } from 'vitest'
import { safeRedirect } from '../src/router/safe-redirect'

const ORIGIN = 'https://ia.example.cd'

describe('safeRedirect', () => {
  it.each([
    ['/contacts', '/contacts'],
    ['/contacts/42?tab=notes#top', '/contacts/42?tab=notes#top'],
    ['/settings/members', '/settings/members'],
    ['/recherche?q=%C3%A9t%C3%A9', '/recherche?q=%C3%A9t%C3%A9'],
  ])('follows the same-origin path %s', (target, expected) => {
    expect(safeRedirect(target, ORIGIN)).toBe(expected)
  })

  it.each([
    '/%5Cevil.example',
    '/\\evil.example',
    '/%5C%5Cevil.example',
    '//evil.example',
    '//evil.example/path',
    '/%2Fevil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    'https://evil.example',
    'http://ia.example.cd.evil.example/',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'contacts',
    '',
    '/%E0%A4%A',
  ])('sends %j to the home page', (target) => {
    expect(safeRedirect(target, ORIGIN)).toBe('/')
  })

  it.each([undefined, null, 42, ['/contacts'], { path: '/contacts' }])(
    'sends a value that is not a string (%j) to the home page',
    (target) => {
      expect(safeRedirect(target, ORIGIN)).toBe('/')
    }
  )
})
