export default async function globalTeardown() {
  // The test database is kept after a run so a failure can be inspected; the next run drops it.
}
