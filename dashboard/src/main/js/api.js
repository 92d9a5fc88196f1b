/**
 * @fileoverview GraphQL over HTTP with the session's bearer token: the dashboard's only way to
 * read and change anything, the same public API a script uses.
 */
import {token} from './session.js';

/** GraphQL over HTTP and graphql-transport-ws, as graph-api serves them by default. */
export const HTTP_PATH = '/graphql';
export const WS_PATH = '/graphql-ws';

/** A request the server refused or could not answer, in words for the person. */
export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {boolean=} unauthorized
   */
  constructor(message, unauthorized = false) {
    super(message);
    /** @const {boolean} */
    this.unauthorized = unauthorized;
  }
}

/** @type {function(string)} */
let onUnauthorized = () => {};

/**
 * What to do when the server refuses the token (revoked, expired, mistyped).
 * @param {function(string)} handler
 */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/**
 * Runs one GraphQL operation; resolves to its data, rejects with an ApiError.
 * @param {string} query
 * @param {!Object<string, ?>=} variables
 * @param {?string=} withToken a token to try instead of the session's; null: none (the public
 *     `serverInfo { signIn }` only)
 * @return {!Promise<?>}
 */
export async function gql(query, variables = {}, withToken = undefined) {
  const bearer = withToken === null ? null : withToken || token();
  /** @type {!Object<string, string>} */
  const headers = {'Content-Type': 'application/json'};
  if (bearer) {
    headers['Authorization'] = 'Bearer ' + bearer;
  }
  /** @type {!Response} */
  let response;
  try {
    response = await fetch(HTTP_PATH, {
      method: 'POST',
      headers: headers,
      body: JSON.stringify({'query': query, 'variables': variables}),
    });
  } catch (e) {
    throw new ApiError('The server cannot be reached; check the connection and try again.');
  }
  if (response.status === 401) {
    const message = 'The server refused this token: sign in again with a valid one.';
    if (withToken === undefined) {
      onUnauthorized(message);
    }
    throw new ApiError(message, true);
  }
  if (!response.ok) {
    throw new ApiError('The server answered ' + response.status + '; try again.');
  }
  const body = await response.json();
  const errors = /** @type {?Array<{message: string}>} */ (body['errors']);
  if (errors && errors.length) {
    throw new ApiError(errors.map((e) => e.message).join('; '));
  }
  return body['data'];
}

/**
 * Field errors of a mutation payload, as one sentence.
 * @param {!Array<{field: string, message: string}>} userErrors
 * @return {string}
 */
export function describeUserErrors(userErrors) {
  return userErrors.map((e) => e.field + ': ' + e.message).join('; ');
}
