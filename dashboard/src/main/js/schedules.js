/**
 * @fileoverview Schedules: the team's schedules, each with its zone and who is on call now.
 */
import {App} from './app.js';
import {gql} from './api.js';
import {h} from './dom.js';
import {names} from './format.js';

const QUERY = `query Schedules($team: ID!) { team(id: $team) { schedules(first: 100) { edges { node {
  id name description timezone onCall { id name } } } } } }`;

/** @param {!App} app */
export async function renderSchedules(app) {
  const screen = app.screen;
  app.draw(screen, h('h1', null, 'Schedules'), h('p', {class: 'loading'}, 'Loading…'));
  /** @type {?} */
  let data;
  try {
    data = await gql(QUERY, {'team': app.teamId});
  } catch (e) {
    app.draw(screen, h('h1', null, 'Schedules'), h('p', {class: 'error', role: 'alert'}, String(/** @type {!Error} */ (e).message)));
    return;
  }
  const schedules = /** @type {!Array<?>} */ (data['team'] ? data['team']['schedules']['edges'].map((/** ? */ e) => e['node']) : []);
  app.draw(screen, h('h1', null, 'Schedules: ' + app.team().name),
      schedules.length ? h('table', {id: 'schedule-list'},
          h('caption', {class: 'visually-hidden'}, 'The team\'s schedules'),
          h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Schedule'), h('th', {scope: 'col'}, 'Zone'),
              h('th', {scope: 'col'}, 'On call now'))),
          h('tbody', null, schedules.map((s) => h('tr', null,
              h('td', null, h('a', {href: '#/schedules/' + encodeURIComponent(s['id'])}, s['name']),
                  s['description'] ? h('div', {class: 'muted'}, s['description']) : null),
              h('td', null, s['timezone']),
              h('td', {class: s['onCall'].length ? null : 'gap'},
                  s['onCall'].length ? names(s['onCall']) : 'Nobody (a gap)'))))) :
        h('p', {class: 'muted'}, 'This team has no schedules yet; create one with ', h('code', null, 'createSchedule'),
            ' or ', h('code', null, 'importSchedule'), ' (GraphiQL, or the CLI).'));
}
