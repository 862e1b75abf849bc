import { describe, expect, it, vi } from 'vitest'
import {
  envelope,
  FRAME_PROTOCOL,
  frameUrlOf,
  modulePath,
  parseFrameMessage,
  parseShellMessage,
  relativeToBase,
} from '../src/frame/bridge'
import { createFrameBridge, type FrameBridgeDeps } from '../src/frame/frame-bridge'

const module = {
  id: 'acme-hello',
  remoteName: 'acme_hello',
  entry: '/marketplace/files/acme-hello/1.0.0/remoteEntry.js',
  routeBase: '/acme-hello',
  organizationId: 'org-1',
}

describe('bridge messages', () => {
  it('keeps a frame inside its own module: no other origin, no way up', () => {
    expect(modulePath('/reports/2024?tab=1')).toBe('/reports/2024?tab=1')
    expect(modulePath('')).toBe('/')
    for (const bad of [
      '//evil.example/x',
      'https://evil.example',
      'javascript:alert(1)',
      '/../settings',
      '/a/./b',
      '\\\\evil',
      '/x'.repeat(300),
      42,
    ])
      expect(modulePath(bad), String(bad)).toBeNull()
  })

  it('reads only well-formed messages of the protocol from the frame', () => {
    expect(parseFrameMessage(envelope({ type: 'ready' }))).toEqual({ type: 'ready' })
    expect(parseFrameMessage({ type: 'ready' })).toBeNull()
    expect(parseFrameMessage({ protocol: FRAME_PROTOCOL, type: 'eval', code: '1' })).toBeNull()
    expect(
      parseFrameMessage({ protocol: FRAME_PROTOCOL, type: 'navigated', path: '//evil.example' })
    ).toBeNull()
    expect(
      parseFrameMessage({ protocol: FRAME_PROTOCOL, type: 'notify', level: 'html', message: 'x' })
    ).toBeNull()
    expect(
      parseFrameMessage({
        protocol: FRAME_PROTOCOL,
        type: 'notify',
        level: 'success',
        message: 'Saved',
        extra: '<img onerror>',
      })
    ).toEqual({ type: 'notify', level: 'success', message: 'Saved' })
  })

  it('reads an init from the shell only with a vendor entry and every field', () => {
    const init = envelope({
      type: 'init',
      module,
      locale: 'en',
      theme: 'dark',
      token: 'tok',
      path: '/',
    } as const)
    expect(parseShellMessage(init)).toMatchObject({ type: 'init', locale: 'en', token: 'tok' })
    expect(
      parseShellMessage({
        ...init,
        module: { ...module, entry: '/remotes/contacts/remoteEntry.js' },
      })
    ).toBeNull()
    expect(parseShellMessage({ ...init, locale: 'de' })).toBeNull()
    expect(parseShellMessage({ ...init, token: 7 })).toBeNull()
  })

  it('maps entries to frame documents and shell paths to module paths', () => {
    expect(frameUrlOf(module.entry)).toBe('/marketplace/frame/acme-hello/1.0.0/')
    expect(frameUrlOf('/remotes/contacts/remoteEntry.js')).toBeNull()
    expect(relativeToBase('/acme-hello', '/acme-hello')).toBe('/')
    expect(relativeToBase('/acme-hello/', '/acme-hello/reports/1')).toBe('/reports/1')
    expect(relativeToBase('/acme-hello', '/acme-hello?x=1')).toBe('/?x=1')
    expect(relativeToBase('/acme-hello', '/acme-hellox')).toBe('/')
  })
})

describe('the shell’s end of the bridge', () => {
  function setup(overrides: Partial<FrameBridgeDeps> = {}) {
    const frame = { postMessage: vi.fn() } as unknown as Window
    const deps: FrameBridgeDeps = {
      frame: () => frame,
      module,
      locale: () => 'fr',
      theme: () => 'light',
      path: () => '/reports',
      fetchToken: vi.fn(async () => 'token-1'),
      navigated: vi.fn(),
      notify: vi.fn(),
      failed: vi.fn(),
      ...overrides,
    }
    const bridge = createFrameBridge(deps)
    const fromFrame = (data: unknown, source: unknown = frame) =>
      bridge.handle(new MessageEvent('message', { data, source: source as Window }))
    const sent = () =>
      (frame.postMessage as ReturnType<typeof vi.fn>).mock.calls.map(([message]) => message)
    return { bridge, deps, frame, fromFrame, sent }
  }

  it('answers the frame’s ready with the module, language, theme, path and a scoped token, once', async () => {
    const { fromFrame, sent, deps } = setup()
    await fromFrame(envelope({ type: 'ready' }))
    await fromFrame(envelope({ type: 'ready' }))
    expect(sent()).toEqual([
      {
        protocol: FRAME_PROTOCOL,
        type: 'init',
        module,
        locale: 'fr',
        theme: 'light',
        token: 'token-1',
        path: '/reports',
      },
    ])
    expect(deps.fetchToken).toHaveBeenCalledTimes(1)
  })

  it('ignores messages from any other window, even well-formed ones', async () => {
    const { fromFrame, sent, deps } = setup()
    await fromFrame(envelope({ type: 'ready' }), window)
    await fromFrame(envelope({ type: 'navigated', path: '/x' }), null)
    expect(sent()).toEqual([])
    expect(deps.navigated).not.toHaveBeenCalled()
  })

  it('follows the frame’s navigation, relays its notifications and failures, refreshes its token', async () => {
    let token = 0
    const { fromFrame, sent, deps } = setup({ fetchToken: vi.fn(async () => `token-${++token}`) })
    await fromFrame(envelope({ type: 'ready' }))
    await fromFrame(envelope({ type: 'navigated', path: '/reports/2024' }))
    await fromFrame(envelope({ type: 'notify', level: 'success', message: 'Enregistré' }))
    await fromFrame(envelope({ type: 'token-request' }))
    await fromFrame(
      envelope({ type: 'failed', message: 'blocked', blockedPath: '/marketplace/files/x.js' })
    )
    expect(deps.navigated).toHaveBeenCalledWith('/reports/2024')
    expect(deps.notify).toHaveBeenCalledWith('success', 'Enregistré')
    expect(sent().at(-1)).toEqual({ protocol: FRAME_PROTOCOL, type: 'token', token: 'token-2' })
    expect(deps.failed).toHaveBeenCalledWith('blocked', '/marketplace/files/x.js')
  })

  it('sends navigation and language to the frame only once it is initialised, and only safe paths', async () => {
    const { bridge, fromFrame, sent } = setup()
    bridge.navigate('/early')
    expect(sent()).toEqual([])
    await fromFrame(envelope({ type: 'ready' }))
    bridge.navigate('/later')
    bridge.navigate('//evil.example')
    bridge.setLocale('en')
    expect(sent().slice(1)).toEqual([
      { protocol: FRAME_PROTOCOL, type: 'navigate', path: '/later' },
      { protocol: FRAME_PROTOCOL, type: 'locale', locale: 'en' },
    ])
  })
})
