/**
 * @fileoverview Home: am I on call now and until when, when next; my open incidents; the team
 * board (every schedule and every escalation level: who is on call now, who is next).
 */
import {App, debounce} from './app.js';
import {gql} from './api.js';
import {h} from './dom.js';
import {label, names, relative, when} from './format.js';
import {INCIDENT_FIELDS, Incident, Person, Schedule, Segment} from './types.js';

/** How far ahead "next" looks. */
const HORIZON_DAYS = 14;

/**
 * What Home lists: every schedule of the person's teams (no timelines: each costs days of
 * evaluation, see the API's query cost), the levels of the team shown, and open incidents.
 */
const QUERY = `query Home($team: ID!) {
  teams(first: 100) { edges { node { id name schedules(first: 100) { edges { node { id name timezone } } } } } }
  whoIsOnCall(teamId: $team) { policy { id name } level users { id name }
    targets { target { type id } users { id name } } }
  incidents(filter: {status: [TRIGGERED, ACKNOWLEDGED]}, first: 100) { edges { node { ${INCIDENT_FIELDS} } } }
}`;

/** Schedules whose timelines one request asks for, each an alias: well within the query cost limit. */
const TIMELINES_PER_REQUEST = 20;

/**
 * The next HORIZON_DAYS of each schedule, in requests of TIMELINES_PER_REQUEST aliases.
 * @param {!Array<string>} ids
 * @param {string} from
 * @param {string} to
 * @return {!Promise<!Object<string, !Array<!Segment>>>} segments by schedule id
 */
async function timelines(ids, from, to) {
  /** @type {!Object<string, !Array<!Segment>>} */
  const out = {};
  for (let i = 0; i < ids.length; i += TIMELINES_PER_REQUEST) {
    const batch = ids.slice(i, i + TIMELINES_PER_REQUEST);
    const data = await gql('query($from: DateTime!, $to: DateTime!, ' + batch.map((id, n) => '$s' + n + ': ID!').join(', ') +
      ') { ' + batch.map((id, n) => 's' + n + ': schedule(id: $s' + n +
        ') { timeline(from: $from, to: $to) { segments { start end users { id name } } } }').join('\n') + ' }',
    Object.assign({'from': from, 'to': to}, Object.fromEntries(batch.map((id, n) => ['s' + n, id]))));
    batch.forEach((id, n) => {
      const schedule = data['s' + n];
      out[id] = schedule ? /** @type {!Array<!Segment>} */ (schedule['timeline']['segments']) : [];
    });
  }
  return out;
}

/**
 * A schedule's stretch: consecutive segments with the same people, merged.
 * @typedef {{start: string, end: string, users: !Array<!Person>}}
 */
let Stretch;

/** @typedef {{schedule: !Schedule, teamId: string, teamName: string, now: ?Stretch, next: ?Stretch}} */
let Board;

/** @param {!App} app */
export async function renderHome(app) {
  // The screen this render is for: a refresh that fires after the person moved on draws nothing.
  const screen = app.screen;
  const refresh = debounce(1500, () => load(app, screen));
  app.onUpdate = refresh;
  app.onResync = refresh;
  app.draw(screen, h('h1', null, 'Home'), h('p', {class: 'loading'}, 'Loading…'));
  await load(app, screen);
}

/**
 * @param {!App} app
 * @param {number} screen the screen it draws on (see App.draw)
 */
async function load(app, screen) {
  const now = Date.now();
  /** @type {?} */
  let data;
  /** @type {!Object<string, !Array<!Segment>>} */
  let segments;
  try {
    data = await gql(QUERY, {'team': app.teamId});
    const ids = data['teams']['edges'].flatMap((/** ? */ t) => t['node']['schedules']['edges'].map(
        (/** ? */ e) => /** @type {string} */ (e['node']['id'])));
    segments = await timelines(ids, new Date(now).toISOString(), new Date(now + HORIZON_DAYS * 86400000).toISOString());
  } catch (e) {
    app.draw(screen, h('h1', null, 'Home'), h('p', {class: 'error', role: 'alert'}, String(/** @type {!Error} */ (e).message)));
    return;
  }
  /** @type {!Array<!Board>} */
  const boards = [];
  for (const teamEdge of data['teams']['edges']) {
    for (const edge of teamEdge['node']['schedules']['edges']) {
      const id = /** @type {string} */ (edge['node']['id']);
      const schedule = /** @type {!Schedule} */ (Object.assign({}, edge['node'], {'timeline': {'segments': segments[id] || []}}));
      const stretches = merge(schedule.timeline.segments);
      const current = stretches.find((s) => Date.parse(s.start) <= now && now < Date.parse(s.end)) || null;
      const next = stretches.find((s) => Date.parse(s.start) >= (current ? Date.parse(current.end) : now)) || null;
      boards.push({schedule: schedule, teamName: teamEdge['node']['name'], now: current, next: next,
        teamId: teamEdge['node']['id']});
    }
  }
  const incidents = /** @type {!Array<!Incident>} */ (data['incidents']['edges'].map((/** ? */ e) => e['node']));
  const mine = app.me ? incidents.filter((i) => i.assignees.some((a) => a.id === app.me.id)) : [];
  const teamBoards = boards.filter((b) => b.teamId === app.teamId);
  app.draw(screen,
      h('h1', null, 'Home'),
      app.me ? onCallSummary(app.me, boards, now) : null,
      h('section', {'aria-labelledby': 'my-incidents'},
          h('h2', {id: 'my-incidents'}, 'My open incidents'),
          mine.length ? h('ul', {class: 'plain'}, mine.map((i) => h('li', null,
              h('a', {href: '#/incidents/' + i.id}, i.title), ' ',
              h('span', {class: 'badge status-' + i.status.toLowerCase()}, label(i.status)), ' ',
              h('span', {class: 'muted'}, i.service.name + ', ' + relative(i.createdAt, now))))) :
            h('p', {class: 'muted'}, 'None: nothing is assigned to you.')),
      h('section', {'aria-labelledby': 'board', id: 'team-board'},
          h('h2', {id: 'board'}, 'Team board: ' + app.team().name),
          scheduleTable(teamBoards, now),
          levelTable(/** @type {!Array<?>} */ (data['whoIsOnCall']), teamBoards)));
}

/**
 * @param {!Array<!Segment>} segments ordered by start
 * @return {!Array<!Stretch>}
 */
function merge(segments) {
  /** @type {!Array<!Stretch>} */
  const out = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (last && last.end === s.start && key(last.users) === key(s.users)) {
      last.end = s.end;
    } else {
      out.push({start: s.start, end: s.end, users: s.users});
    }
  }
  return out;
}

/**
 * @param {!Array<!Person>} users
 * @return {string}
 */
function key(users) {
  return users.map((u) => u.id).join(',');
}

/**
 * @param {!Person} me
 * @param {!Array<!Board>} boards
 * @param {number} now
 * @return {!Element}
 */
function onCallSummary(me, boards, now) {
  // The timelines stop at the horizon: a stretch reaching it goes on for all we know.
  const horizon = now + HORIZON_DAYS * 86400000;
  /**
   * @param {string} end
   * @return {boolean}
   */
  const open = (end) => Date.parse(end) >= horizon;
  /** @type {!Array<!Element>} */
  const lines = [];
  for (const b of boards) {
    const mine = merge(b.schedule.timeline.segments.map((s) => ({start: s.start, end: s.end,
      users: s.users.some((u) => u.id === me.id) ? [me] : []})).filter((s) => s.users.length));
    const current = mine.find((s) => Date.parse(s.start) <= now && now < Date.parse(s.end));
    if (current) {
      lines.push(h('li', {class: 'oncall-now'}, h('strong', null, 'On call now'), ' for ', b.schedule.name,
          ' (' + b.teamName + ') ', open(current.end) ? 'for at least the next ' + HORIZON_DAYS + ' days' :
            ['until ', h('time', {datetime: current.end}, when(current.end)), ' (' + relative(current.end, now) + ')']));
    }
  }
  /** @type {?{start: string, end: string, board: !Board}} */
  let next = null;
  for (const b of boards) {
    for (const s of merge(b.schedule.timeline.segments.filter((s) => s.users.some((u) => u.id === me.id))
        .map((s) => ({start: s.start, end: s.end, users: [me]})))) {
      if (Date.parse(s.start) > now && (!next || Date.parse(s.start) < Date.parse(next.start))) {
        next = {start: s.start, end: s.end, board: b};
      }
    }
  }
  return h('section', {'aria-labelledby': 'me-oncall', id: 'me-oncall-section'},
      h('h2', {id: 'me-oncall'}, 'Am I on call?'),
      lines.length ? h('ul', {class: 'plain'}, lines) :
        h('p', {class: 'oncall-not'}, 'You are not on call now.'),
      next ? h('p', null, 'Next: ', next.board.schedule.name, ' (' + next.board.teamName + ') from ',
          h('time', {datetime: next.start}, when(next.start)),
          open(next.end) ? ' (' + relative(next.start, now) + '; on until past the next ' + HORIZON_DAYS + ' days)' :
            [' to ', h('time', {datetime: next.end}, when(next.end)), ' (' + relative(next.start, now) + ')']) :
        h('p', {class: 'muted'}, 'No other shift in the next ' + HORIZON_DAYS + ' days.'));
}

/**
 * @param {!Array<!Board>} boards
 * @param {number} now
 * @return {!Element}
 */
function scheduleTable(boards, now) {
  if (!boards.length) {
    return h('p', {class: 'muted'}, 'This team has no schedule.');
  }
  return h('table', {class: 'board', id: 'schedule-board'},
      h('caption', null, 'Schedules'),
      h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Schedule'), h('th', {scope: 'col'}, 'On call now'),
          h('th', {scope: 'col'}, 'Next'))),
      h('tbody', null, boards.map((b) => h('tr', {'data-schedule-id': b.schedule.id},
          h('th', {scope: 'row'}, b.schedule.name, h('div', {class: 'muted'}, b.schedule.timezone)),
          h('td', {class: 'now'}, b.now ? [names(b.now.users), h('div', {class: 'muted'},
              Date.parse(b.now.end) >= now + HORIZON_DAYS * 86400000 ? 'for ' + HORIZON_DAYS + ' days or more' :
                'until ' + when(b.now.end))] :
            h('span', {class: 'gap'}, 'Nobody (a gap)')),
          h('td', {class: 'next'}, b.next ? [b.next.users.length ? names(b.next.users) : 'Nobody (a gap)',
            h('div', {class: 'muted'}, 'from ' + when(b.next.start) + ' (' + relative(b.next.start, now) + ')')] :
            h('span', {class: 'muted'}, 'No change in ' + HORIZON_DAYS + ' days'))))));
}

/**
 * Each escalation level: who it pages now, and who it will page after the next handoff of the
 * schedules it names (people and the whole team named directly stay the same).
 * @param {!Array<?>} steps whoIsOnCall's answer
 * @param {!Array<!Board>} boards
 * @return {!Element}
 */
function levelTable(steps, boards) {
  if (!steps.length) {
    return h('p', {class: 'muted'}, 'This team has no escalation policy.');
  }
  return h('table', {class: 'board', id: 'level-board'},
      h('caption', null, 'Escalation levels'),
      h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Policy'), h('th', {scope: 'col'}, 'Level'),
          h('th', {scope: 'col'}, 'Pages now'), h('th', {scope: 'col'}, 'Next'))),
      h('tbody', null, steps.map((step) => {
        /** @type {!Map<string, !Person>} */
        const next = new Map();
        for (const t of step['targets']) {
          const board = t['target']['type'] === 'SCHEDULE' ?
            boards.find((b) => b.schedule.id === t['target']['id']) : undefined;
          const people = /** @type {!Array<!Person>} */ (board ? (board.next ? board.next.users : []) : t['users']);
          people.forEach((p) => next.set(p.id, p));
        }
        return h('tr', null,
            h('td', null, step['policy']['name']),
            h('td', null, String(step['level'])),
            h('td', {class: 'now'}, names(step['users'])),
            h('td', {class: 'next'}, names([...next.values()])));
      })));
}
