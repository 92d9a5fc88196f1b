/**
 * @fileoverview The signed-in person's API token, kept for this tab only (sessionStorage): a
 * closed tab forgets it. A link ending in #token=… signs in directly; the fragment never reaches
 * the server, and the page moves the token into sessionStorage and clears it from the address.
 */

const TOKEN = 'oncall.token';
const TEAM = 'oncall.team';

/** @return {?string} */
export function token() {
  return window.sessionStorage.getItem(TOKEN);
}

/** @param {string} value */
export function signIn(value) {
  window.sessionStorage.setItem(TOKEN, value.trim());
}

export function signOut() {
  window.sessionStorage.removeItem(TOKEN);
  window.sessionStorage.removeItem(TEAM);
}

/**
 * Takes a token from a sign-in link (#token=…) and removes it from the address and history.
 * @return {boolean} whether the address carried one
 */
export function takeTokenFromLink() {
  const match = /^#token=([^&]+)/.exec(location.hash);
  if (!match) {
    return false;
  }
  signIn(decodeURIComponent(match[1]));
  history.replaceState(null, '', location.pathname + location.search + '#/');
  return true;
}

/** @return {?string} the team the dashboard shows */
export function team() {
  return window.sessionStorage.getItem(TEAM);
}

/** @param {string} id */
export function chooseTeam(id) {
  window.sessionStorage.setItem(TEAM, id);
}
