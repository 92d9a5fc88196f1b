/**
 * @fileoverview The dashboard's entry point: sign-in, the frame (navigation, team, live state,
 * sign out) and the routes (#/, #/incidents, #/incidents/<id>, #/schedules, #/schedules/<id>).
 */
import {App} from './app.js';
import {gql, whenUnauthorized, ApiError} from './api.js';
import {byId, h, mount} from './dom.js';
import {renderHome} from './home.js';
import {renderIncident} from './incident.js';
import {renderIncidents} from './incidents.js';
import {renderSchedule} from './schedule.js';
import {renderSchedules} from './schedules.js';
import {renderMe} from './me.js';
import {renderPolicies, renderPolicy} from './policies.js';
import {renderService, renderServices} from './services.js';
import {renderTeam} from './team.js';
import {FeedState} from './live.js';
import {OidcOptions, beginSignIn, finishSignIn, oidcOptions, providerName} from './oidc.js';
import {chooseTeam, signIn, signOut, takeTokenFromLink, team, token} from './session.js';
import {Person, Team} from './types.js';

/** @type {?App} */
let app = null;

async function start() {
  takeTokenFromLink();
  whenUnauthorized((message) => showSignIn(message));
  window.addEventListener('hashchange', () => route());
  let failed = '';
  try {
    await finishSignIn();
  } catch (e) {
    failed = String(/** @type {!Error} */ (e).message);
  }
  if (token()) {
    enter();
  } else {
    showSignIn(failed);
  }
}

/** @param {string} message why, when the server refused the last token */
function showSignIn(message) {
  if (app) {
    app.stop();
    app = null;
  }
  signOut();
  const input = h('input', {id: 'token', type: 'password', autocomplete: 'off', required: true,
    'aria-describedby': 'token-help'});
  const error = h('p', {id: 'signin-error', class: 'error', role: 'alert'}, message);
  const form = h('form', {class: 'signin', onsubmit: async (/** !Event */ e) => {
    e.preventDefault();
    const value = /** @type {!HTMLInputElement} */ (input).value.trim();
    try {
      await gql('{ me { id } }', {}, value);
      signIn(value);
      enter();
    } catch (err) {
      error.textContent = err instanceof ApiError && err.unauthorized ?
        'The server refused this token.' : String(/** @type {!Error} */ (err).message);
      input.focus();
    }
  }},
  h('h1', null, 'Sign in to Oncall'),
  h('label', {for: 'token'}, 'Personal API token'),
  input,
  h('p', {id: 'token-help', class: 'help'},
      'Kept in this tab only. The local run prints a sign-in link; otherwise create a token with ',
      h('code', null, 'createApiToken'), ' in ', h('a', {href: '/graphiql'}, 'GraphiQL'), '.'),
  error,
  h('button', {type: 'submit'}, 'Sign in'));
  mount(byId('app'), h('main', {id: 'main'}, form));
  input.focus();
  offerProvider(form, error);
}

/**
 * Adds "Sign in with <provider>" beside the token form when the server has a provider configured.
 * @param {!Element} form
 * @param {!Element} error where a failure is told
 */
async function offerProvider(form, error) {
  const found = await oidcOptions();
  if (!found || !form.isConnected) {
    return;
  }
  const oidc = /** @type {!OidcOptions} */ (found);
  const button = h('button', {type: 'button', id: 'sign-in-oidc', onclick: async () => {
    button.setAttribute('disabled', '');
    try {
      await beginSignIn(oidc);
    } catch (e) {
      button.removeAttribute('disabled');
      error.textContent = 'Signing in with ' + providerName(oidc) + ' failed: ' + String(/** @type {!Error} */ (e).message);
    }
  }}, 'Sign in with ' + providerName(oidc));
  form.insertBefore(h('div', {class: 'signin-provider'}, button,
      h('p', {class: 'help'}, 'or with a personal API token:')), form.querySelector('label'));
}

async function enter() {
  mount(byId('app'), h('p', {class: 'loading'}, 'Loading…'));
  /** @type {?} */
  let data;
  try {
    data = await gql('{ me { id name } teams(first: 100) { edges { node { id name myRole } } } }');
  } catch (e) {
    if (!(e instanceof ApiError && e.unauthorized)) {
      mount(byId('app'), h('p', {class: 'error', role: 'alert'}, String(/** @type {!Error} */ (e).message)));
    }
    return;
  }
  const me = /** @type {?Person} */ (data['me']);
  const teams = /** @type {!Array<!Team>} */ (data['teams']['edges'].map((/** ? */ e) => e['node']));
  if (!teams.length) {
    mount(byId('app'), h('main', {id: 'main'}, h('p', null, 'You are in no team yet: ask an admin to add you.')));
    return;
  }
  const wanted = hashTeam() || team();
  const teamId = teams.some((t) => t.id === wanted) ? /** @type {string} */ (wanted) : teams[0].id;
  chooseTeam(teamId);
  frame(me, teams, teamId);
}

/**
 * @param {?Person} me
 * @param {!Array<!Team>} teams
 * @param {string} teamId
 */
function frame(me, teams, teamId) {
  const main = h('main', {id: 'main', tabindex: '-1'});
  const state = h('span', {id: 'live-state', class: 'live', role: 'status'}, 'Connecting…');
  const select = /** @type {!HTMLSelectElement} */ (h('select', {id: 'team-select', onchange: () => {
    chooseTeam(select.value);
    if (app) {
      app.follow(select.value);
    }
    route();
  }}, teams.map((t) => h('option', {value: t.id, selected: t.id === teamId}, t.name))));
  mount(byId('app'),
      h('a', {class: 'skip', href: '#main', onclick: (/** !Event */ e) => {
        e.preventDefault();
        main.focus();
      }}, 'Skip to content'),
      h('header', {class: 'bar'},
          h('a', {class: 'brand', href: '#/'}, 'Oncall'),
          h('nav', {'aria-label': 'Main'},
              h('a', {href: '#/', id: 'nav-home'}, 'Home'),
              h('a', {href: '#/incidents', id: 'nav-incidents'}, 'Incidents'),
              h('a', {href: '#/schedules', id: 'nav-schedules'}, 'Schedules'),
              h('a', {href: '#/policies', id: 'nav-policies'}, 'Policies'),
              h('a', {href: '#/services', id: 'nav-services'}, 'Services'),
              h('a', {href: '#/team', id: 'nav-team'}, 'Team'),
              h('a', {href: '#/me', id: 'nav-me'}, 'Me'),
              h('a', {href: '/graphiql'}, 'GraphiQL')),
          h('label', {class: 'team'}, 'Team ', select),
          state,
          h('span', {class: 'who'}, me ? me.name : 'team token'),
          h('button', {type: 'button', id: 'sign-out', onclick: () => showSignIn('')}, 'Sign out')),
      main);
  app = new App(main, me, teams, teamId, (/** !FeedState */ s) => {
    state.textContent = s === FeedState.LIVE ? 'Live' : s === FeedState.RECONNECTING ?
      'Reconnecting…' : 'Connecting…';
    state.className = 'live live-' + s;
  });
  route();
}

/** @return {?string} a team named in the address, e.g. #/incidents?team=<id> */
function hashTeam() {
  const query = location.hash.split('?')[1];
  return query ? new URLSearchParams(query).get('team') : null;
}

function route() {
  if (!app) {
    return;
  }
  const wanted = hashTeam();
  if (wanted && wanted !== app.teamId && app.teams.some((t) => t.id === wanted)) {
    chooseTeam(wanted);
    app.follow(wanted);
    /** @type {!HTMLSelectElement} */ (byId('team-select')).value = wanted;
  }
  const path = location.hash.replace(/^#/, '').split('?')[0] || '/';
  app.reset();
  for (const link of document.querySelectorAll('nav a')) {
    link.removeAttribute('aria-current');
  }
  const incident = /^\/incidents\/([^/]+)$/.exec(path);
  if (incident) {
    byId('nav-incidents').setAttribute('aria-current', 'page');
    renderIncident(app, decodeURIComponent(incident[1]));
  } else if (/^\/schedules\/[^/]+$/.test(path)) {
    byId('nav-schedules').setAttribute('aria-current', 'page');
    renderSchedule(app, decodeURIComponent(path.substring('/schedules/'.length)));
  } else if (path === '/schedules') {
    byId('nav-schedules').setAttribute('aria-current', 'page');
    renderSchedules(app);
  } else if (path === '/incidents') {
    byId('nav-incidents').setAttribute('aria-current', 'page');
    renderIncidents(app);
  } else if (adminRoute(app, path)) {
    // drawn by one of the admin screens
  } else {
    byId('nav-home').setAttribute('aria-current', 'page');
    renderHome(app);
  }
}

/**
 * The policy, service, team and Me screens.
 * @param {!App} app
 * @param {string} path
 * @return {boolean} whether `path` is one of theirs
 */
function adminRoute(app, path) {
  const one = /^\/(policies|services)\/([^/]+)$/.exec(path);
  const section = one ? one[1] : path.substring(1);
  /** @type {!Object<string, function()>} */
  const screens = {
    'policies': () => one ? renderPolicy(app, decodeURIComponent(one[2])) : renderPolicies(app),
    'services': () => one ? renderService(app, decodeURIComponent(one[2])) : renderServices(app),
    'team': () => renderTeam(app),
    'me': () => renderMe(app),
  };
  if (!screens[section]) {
    return false;
  }
  byId('nav-' + section).setAttribute('aria-current', 'page');
  screens[section]();
  return true;
}

start();
