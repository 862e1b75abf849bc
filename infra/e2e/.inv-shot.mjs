import { chromium } from 'playwright-core'
const [url, prefix] = process.argv.slice(2)
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
for (const lang of ['fr', 'en']) {
  for (const width of [1280, 390]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } })
    page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()))
    await page.goto(url.replace(/lang=\w+/, `lang=${lang}`), { waitUntil: 'networkidle' })
    await page.waitForSelector('.inv-public, .ia-alert', { timeout: 30000 }).catch(() => {})
    await page.waitForTimeout(500)
    await page.screenshot({ path: `/tmp/inv-shots/${prefix}-${lang}-${width}.png`, fullPage: true })
    await page.close()
  }
}
await browser.close()
