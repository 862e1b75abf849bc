import vine from '@vinejs/vine'
import { MAX_PAGE } from '@ia/kernel/contracts'

/** Opening an event stream: the client's random stream id. */
export const liveStreamValidator = vine.create({
  uid: vine.string().uuid(),
})

/** Adding a channel to (or removing it from) one's event stream. */
export const liveSubscriptionValidator = vine.create({
  uid: vine.string().uuid(),
  channel: vine.string().maxLength(200),
})

/** A page of my notifications, optionally the unread ones only. */
export const notificationsPageValidator = vine.create({
  page: vine.number().withoutDecimals().range([1, MAX_PAGE]).optional(),
  perPage: vine.number().withoutDecimals().range([1, 100]).optional(),
  unread: vine.boolean().optional(),
})
