import { O311Document, o311List } from './open311-document';

/**
 * An error an Open311 client is meant to read: the HTTP status doubles as the `code` of the spec's
 * `<errors><error><code/><description/></error></errors>` body. Thrown by the Open311 services and rendered
 * by the Open311 controller's own exception filter, never by the API's JSON error filter.
 */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 429 | 500,
    readonly description: string,
  ) {
    super(description);
  }
}

export const badRequest = (description: string) => new Open311Error(400, description);
export const notFound311 = (description: string) => new Open311Error(404, description);

export function errorsDocument(errors: Array<{ code: number; description: string }>): O311Document {
  return {
    root: 'errors',
    body: o311List(
      'error',
      errors.map((e) => ({ code: e.code, description: e.description })),
    ),
  };
}
