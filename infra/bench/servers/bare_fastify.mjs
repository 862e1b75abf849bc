/*
 * A bare Fastify server answering the same JSON route as bare_adonis.ts. `node bare_fastify.mjs PORT`.
 */
import Fastify from 'fastify'

const port = Number(process.argv[2])
const app = Fastify({ logger: false })
app.get('/', async () => ({ ok: true }))
await app.listen({ port, host: '127.0.0.1' })
