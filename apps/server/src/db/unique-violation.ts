/** True when `error` (or an error in its cause chain, as drizzle wraps driver errors) is a unique violation. */
export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    // SQLSTATE 23505 unique_violation (PostgreSQL Appendix A), reported by pg and PGlite alike.
    if ('code' in current && current.code === '23505') return true;
    current = current.cause;
  }
  return false;
}
