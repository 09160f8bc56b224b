/**
 * The RAPI answer as a whole is not a list of instances (an error object, a non-bulk
 * answer, a proxy page that happened to be JSON). Nothing in it can be trusted, so the
 * whole cluster fails; a single bad instance is a problem on that instance instead.
 */
export class RapiShapeError extends Error {
  constructor(readonly reason: string) {
    super(`RAPI instances answer has the wrong shape: ${reason}`);
    this.name = 'RapiShapeError';
  }
}
