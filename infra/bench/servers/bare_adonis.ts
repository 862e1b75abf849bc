/*
 * A bare AdonisJS HTTP server (the framework's own application, server and router; no provider, no
 * middleware) answering one JSON route, for the framework-versus-Fastify figure. `node bare_adonis.ts PORT`.
 */
import { createServer } from 'node:http'
import { AppFactory } from '@adonisjs/core/factories/app'
import { ServerFactory } from '@adonisjs/core/factories/http'

const port = Number(process.argv[2])
const app = new AppFactory().create(new URL('./', import.meta.url))
await app.init()
const server = new ServerFactory().merge({ app }).create()
server.getRouter().get('/', () => ({ ok: true }))
await server.boot()
createServer(server.handle.bind(server)).listen(port, '127.0.0.1')
