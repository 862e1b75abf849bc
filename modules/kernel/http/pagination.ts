/** The highest page a list accepts: far past any real list, and low enough that the row offset stays a valid PostgreSQL bigint. */
export const MAX_PAGE = 1_000_000
