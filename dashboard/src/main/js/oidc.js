/**
 * @fileoverview Signing in through the identity provider: OpenID Connect's authorization code
 * flow with PKCE (RFC 7636, S256), the dashboard being a public client (no secret). The page
 * reads the provider's discovery document, sends the person to its authorization endpoint with
 * a fresh code verifier's challenge, `state` and `nonce` (kept in sessionStorage for the tab),
 * and, back at `<origin>/?code=…&state=…`, exchanges the code at the token endpoint. The ID
 * token it gets (its `aud` is the client id, which graph-api checks) is the tab's bearer token
 * from then on, like a personal API token. graph-api checks its signature, issuer, audience,
 * expiry and verified email; the page checks `state` and `nonce`, so an answer it did not ask
 * for signs nobody in.
 */
import {gql} from './api.js';
import {signIn} from './session.js';

/** @typedef {{issuer: string, clientId: string, scopes: !Array<string>}} */
export let OidcOptions;

/** sessionStorage: the sign-in under way (verifier, state, nonce, where to exchange the code). */
const FLOW = 'oncall.oidc';

/** @type {?Promise<?OidcOptions>} */
let options = null;

/**
 * The provider to sign in with, if the server has one configured; asked once, without a token
 * (`serverInfo { signIn }` is the API's one public field).
 * @return {!Promise<?OidcOptions>}
 */
export function oidcOptions() {
  if (!options) {
    options = gql('{ serverInfo { signIn { oidc { issuer clientId scopes } } } }', {}, null)
        .then((data) => /** @type {?OidcOptions} */ (data['serverInfo']['signIn']['oidc']))
        .catch(() => {
          options = null;
          return null;
        });
  }
  return options;
}

/**
 * The name a person knows the provider by: its issuer's host.
 * @param {!OidcOptions} oidc
 * @return {string}
 */
export function providerName(oidc) {
  try {
    return new URL(oidc.issuer).host;
  } catch (e) {
    return oidc.issuer;
  }
}

/** @return {string} where the provider sends the person back: this dashboard's page */
function redirectUri() {
  return location.origin + '/';
}

/**
 * The provider's endpoints, from its discovery document.
 * @param {string} issuer
 * @return {!Promise<{authorization: string, token: string}>}
 */
async function discover(issuer) {
  const response = await fetch(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
  if (!response.ok) {
    throw new Error('The identity provider answered ' + response.status + ' for its configuration.');
  }
  const config = await response.json();
  if (config['issuer'] !== issuer) {
    throw new Error('The identity provider names another issuer (' + config['issuer'] + ') than the server (' + issuer + ').');
  }
  return {authorization: String(config['authorization_endpoint']), token: String(config['token_endpoint'])};
}

/**
 * @param {!Uint8Array} bytes
 * @return {string} base64url without padding
 */
function base64url(bytes) {
  let text = '';
  for (const b of bytes) {
    text += String.fromCharCode(b);
  }
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @return {string} 32 random bytes, base64url: a PKCE verifier, a state or a nonce */
function random() {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return base64url(bytes);
}

/**
 * Sends the person to the provider to sign in; they come back to this page with a code.
 * @param {!OidcOptions} oidc
 * @return {!Promise<void>}
 */
export async function beginSignIn(oidc) {
  const endpoints = await discover(oidc.issuer);
  const verifier = random();
  const challenge = base64url(new Uint8Array(
      await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const flow = {'verifier': verifier, 'state': random(), 'nonce': random(), 'issuer': oidc.issuer,
    'clientId': oidc.clientId, 'tokenEndpoint': endpoints.token};
  window.sessionStorage.setItem(FLOW, JSON.stringify(flow));
  const url = new URL(endpoints.authorization);
  const query = url.searchParams;
  query.set('response_type', 'code');
  query.set('client_id', oidc.clientId);
  query.set('redirect_uri', redirectUri());
  query.set('scope', oidc.scopes.join(' '));
  query.set('state', flow['state']);
  query.set('nonce', flow['nonce']);
  query.set('code_challenge', challenge);
  query.set('code_challenge_method', 'S256');
  location.assign(url.toString());
}

/**
 * The claims of a JWT, unchecked (graph-api checks the signature).
 * @param {string} jwt
 * @return {!Object<string, ?>}
 */
function claims(jwt) {
  const part = jwt.split('.')[1] || '';
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return /** @type {!Object<string, ?>} */ (JSON.parse(new TextDecoder().decode(bytes)));
}

/**
 * Finishes a sign-in when the provider has just sent the person back (`?code=…&state=…`, or
 * `?error=…`): exchanges the code for the ID token and keeps it for the tab. The code leaves
 * the address and history at once, whatever happens.
 * @return {!Promise<boolean>} whether the address carried the provider's answer
 * @throws {!Error} in words for the person, when the sign-in failed
 */
export async function finishSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) {
    return false;
  }
  history.replaceState(null, '', location.pathname + '#/');
  const stored = window.sessionStorage.getItem(FLOW);
  window.sessionStorage.removeItem(FLOW);
  const flow = stored ? /** @type {!Object<string, string>} */ (JSON.parse(stored)) : null;
  if (params.has('error')) {
    throw new Error('The identity provider did not sign you in: ' +
        (params.get('error_description') || params.get('error')) + '.');
  }
  if (!flow || params.get('state') !== flow['state']) {
    throw new Error('This sign-in was not started here (its state does not match); sign in again.');
  }
  const response = await fetch(flow['tokenEndpoint'], {
    method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({'grant_type': 'authorization_code', 'code': params.get('code') || '',
      'redirect_uri': redirectUri(), 'client_id': flow['clientId'], 'code_verifier': flow['verifier']}),
  });
  const body = await response.json().catch(() => ({}));
  const idToken = body['id_token'];
  if (!response.ok || typeof idToken !== 'string') {
    throw new Error('The identity provider refused the sign-in: ' +
        (body['error_description'] || body['error'] || response.status) + '.');
  }
  const said = claims(idToken);
  const audience = Array.isArray(said['aud']) ? said['aud'] : [said['aud']];
  if (said['nonce'] !== flow['nonce'] || said['iss'] !== flow['issuer'] || !audience.includes(flow['clientId'])) {
    throw new Error('The identity provider answered with a token for another sign-in; sign in again.');
  }
  signIn(idToken);
  return true;
}
