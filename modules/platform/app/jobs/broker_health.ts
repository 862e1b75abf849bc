import { connect } from 'amqplib'

/** Opens and closes a connection to the broker: throws when it cannot be reached within `timeoutMs`. */
export async function pingBroker(url: string, timeoutMs = 3000) {
  const connection = await connect(url, { timeout: timeoutMs })
  await connection.close()
}
