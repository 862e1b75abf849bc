import type { BrowserClient } from './browser_client.ts'

/** One `data:` frame of transmit: the channel and what was broadcast on it. */
export type LiveFrame = { channel: string; payload: any }

/**
 * A real server-sent-event connection to `/__transmit/events`, read with fetch streaming, sending
 * the browser client's cookies. `next()` waits for the next frame (pings skipped).
 */
export async function openLiveStream(browser: BrowserClient, uid: string) {
  const url = new URL(`/__transmit/events?uid=${uid}`, browser.baseUrl)
  const cookies = [...(browser.jar.get(url.host) ?? new Map()).entries()].map(
    ([name, value]) => `${name}=${value}`
  )
  const controller = new AbortController()
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', cookie: cookies.join('; ') },
    signal: controller.signal,
  })
  const frames: LiveFrame[] = []
  const waiting: ((frame: LiveFrame) => void)[] = []
  let buffer = ''
  const pump = async () => {
    const decoder = new TextDecoder()
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true })
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('\n')
        if (!data) continue
        const frame = JSON.parse(data) as LiveFrame
        if (frame.channel === '$$transmit/ping') continue
        const resolve = waiting.shift()
        if (resolve) resolve(frame)
        else frames.push(frame)
      }
    }
  }
  const pumping = response.ok ? pump().catch(() => undefined) : Promise.resolve()
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    /** Settles when the server ends the stream (or it is closed here). */
    ended: pumping,
    next(timeoutMs = 3000) {
      const queued = frames.shift()
      if (queued) return Promise.resolve(queued)
      return new Promise<LiveFrame>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('No live frame within the time limit')),
          timeoutMs
        )
        waiting.push((frame) => {
          clearTimeout(timer)
          resolve(frame)
        })
      })
    },
    async close() {
      controller.abort()
      await pumping
    },
  }
}
