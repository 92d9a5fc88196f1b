/**
 * @fileoverview One incident with its whole log: who was paged, by which method, when it was
 * delivered, who acknowledged through which channel. Kept current by the team's feed.
 */
import {App, debounce} from './app.js';
import {Command, VERB, askForNote, run} from './actions.js';
import {gql} from './api.js';
import {h} from './dom.js';
import {showErrors} from './fielderrors.js';
import {channel, label, names, precise, when} from './format.js';
import {INCIDENT_FIELDS, Incident, IncidentEvent, IncidentUpdate, Person} from './types.js';

const EVENT_FIELDS = 'seq kind code channel createdAt data actor { type id user { id name } }';

const QUERY = `query($id: ID!) { incident(id: $id) { ${INCIDENT_FIELDS} homeRegion acknowledgedAt resolvedAt
  acknowledgedBy { name } resolvedBy { name }
  alertCount alerts(first: 100) { edges { node { id summary source severity eventCount firstSeenAt lastSeenAt } } }
  team { id members(first: 100) { edges { node { user { id name } } } } }
  events(first: 100) { edges { node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor } } } }`;

/** What the page last said about an incident's command, kept over redraws of that incident. */
const said = {incidentId: '', text: ''};

const MORE_EVENTS = `query($id: ID!, $after: String) { incident(id: $id) {
  events(first: 100, after: $after) { edges { node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor } } } }`;

/**
 * @param {!App} app
 * @param {string} id
 */
export async function renderIncident(app, id) {
  // The screen this render is for: a reload that fires after the person moved on draws nothing.
  const screen = app.screen;
  const reload = debounce(100, () => load(app, id, screen));
  app.onUpdate = (/** !IncidentUpdate */ u) => {
    if (u.event.incidentId === id) {
      reload();
    }
  };
  app.onResync = reload;
  app.draw(screen, h('p', {class: 'loading'}, 'Loading…'));
  await load(app, id, screen);
}

/**
 * @param {!App} app
 * @param {string} id
 * @param {number} screen the screen it draws on (see App.draw)
 */
async function load(app, id, screen) {
  /** @type {?} */
  let incident;
  /** @type {!Array<!IncidentEvent>} */
  const events = [];
  try {
    incident = (await gql(QUERY, {'id': id}))['incident'];
    if (!incident) {
      app.draw(screen, h('h1', null, 'No such incident'), h('p', null, 'It does not exist, or is not of a team of yours.'));
      return;
    }
    let page = incident['events'];
    for (;;) {
      page['edges'].forEach((/** ? */ e) => events.push(/** @type {!IncidentEvent} */ (e['node'])));
      if (!page['pageInfo']['hasNextPage']) {
        break;
      }
      page = (await gql(MORE_EVENTS, {'id': id, 'after': page['pageInfo']['endCursor']}))['incident']['events'];
    }
  } catch (e) {
    app.draw(screen, h('p', {class: 'error', role: 'alert'}, String(/** @type {!Error} */ (e).message)));
    return;
  }
  /** @type {!Map<string, string>} */
  const people = new Map();
  incident['team']['members']['edges'].forEach((/** ? */ e) => people.set(e['node']['user']['id'], e['node']['user']['name']));
  const it = /** @type {!Incident} */ (incident);
  // The outcome of the last command stays said when the page redraws with its result.
  if (said.incidentId !== id) {
    said.incidentId = id;
    said.text = '';
  }
  const notice = h('p', {id: 'notice', role: 'status', class: 'notice'}, said.text);
  /** @type {!Array<!Command>} */
  const commands = it.status === 'TRIGGERED' ? [Command.ACKNOWLEDGE] : [];
  if (it.status !== 'RESOLVED') {
    commands.push(Command.RESOLVE, Command.ESCALATE);
  }
  commands.push(Command.ADD_NOTE);
  app.draw(screen,
      h('p', null, h('a', {href: '#/incidents'}, '← All incidents')),
      h('h1', {id: 'incident-title'}, it.title),
      h('dl', {class: 'facts'},
          fact('Status', h('span', {class: 'badge status-' + it.status.toLowerCase(), id: 'incident-status'}, label(it.status))),
          fact('Service', it.service.name),
          fact('Urgency', label(it.urgency)),
          fact('Assignees', names(it.assignees)),
          fact('Opened', when(it.createdAt)),
          incident['acknowledgedAt'] ? fact('Acknowledged', when(incident['acknowledgedAt']) +
            (incident['acknowledgedBy'] ? ' by ' + incident['acknowledgedBy']['name'] : '')) : null,
          incident['resolvedAt'] ? fact('Resolved', when(incident['resolvedAt']) +
            (incident['resolvedBy'] ? ' by ' + incident['resolvedBy']['name'] : '')) : null,
          fact('Region', incident['homeRegion'])),
      h('div', {class: 'commands', role: 'toolbar', 'aria-label': 'Commands'}, commands.map((c) => h('button', {
        type: 'button', class: 'act-' + c, onclick: async () => {
          let note = '';
          if (c === Command.ADD_NOTE) {
            note = (await askForNote(it.title)) || '';
            if (!note) {
              return;
            }
          }
          try {
            const result = await run(c, [id], note);
            notice.textContent = said.text = result.message;
            await load(app, id, screen);
          } catch (e) {
            notice.textContent = said.text = String(/** @type {!Error} */ (e).message);
          }
        }}, VERB[c]))),
      notice,
      it.status !== 'RESOLVED' ? reassignForm(it, people, notice, () => load(app, id, screen)) : null,
      h('section', {'aria-labelledby': 'alerts-heading'},
          h('h2', {id: 'alerts-heading'}, 'Alerts (' + incident['alertCount'] + ')'),
          incident['alertCount'] > incident['alerts']['edges'].length ?
            h('p', null, 'The newest ' + incident['alerts']['edges'].length + ' of ' + incident['alertCount'] + ':') : null,
          h('ul', {class: 'plain'}, incident['alerts']['edges'].map((/** ? */ e) => e['node']).map((/** ? */ a) => h('li', null,
              h('strong', null, a['summary']), ' — ' + a['source'] + ', ' + label(a['severity']) + ', sent ' +
              a['eventCount'] + ' time' + (a['eventCount'] === 1 ? '' : 's') + ', last ' + when(a['lastSeenAt']))))),
      h('section', {'aria-labelledby': 'timeline-heading'},
          h('h2', {id: 'timeline-heading'}, 'Timeline'),
          h('ol', {class: 'timeline', id: 'timeline'}, events.map((e) => h('li', {'data-kind': e.kind, 'data-seq': String(e.seq)},
              h('time', {datetime: e.createdAt}, precise(e.createdAt)),
              h('span', {class: 'kind'}, label(e.kind === 'UNKNOWN' ? e.code : e.kind)),
              e.channel ? h('span', {class: 'badge channel'}, channel(e.channel)) : null,
              h('span', {class: 'what'}, describe(e, people)))))));
}

/**
 * Hands the incident to chosen members of its team (the API's reassign), the errors on the field.
 * @param {!Incident} it
 * @param {!Map<string, string>} people the team's members by id
 * @param {!Element} notice where the outcome is said
 * @param {function()} reload
 * @return {!Element}
 */
function reassignForm(it, people, notice, reload) {
  const holding = new Set(it.assignees.map((a) => a.id));
  const boxes = [...people].map(([userId, name]) => h('label', null,
      h('input', {type: 'checkbox', value: userId, checked: holding.has(userId), class: 'reassign-to'}), ' ' + name));
  const form = h('form', {class: 'inline reassign', id: 'reassign', 'aria-labelledby': 'reassign-heading',
    onsubmit: async (/** !Event */ e) => {
      e.preventDefault();
      const userIds = [...form.querySelectorAll('input.reassign-to:checked')].map(
          (b) => /** @type {!HTMLInputElement} */ (b).value);
      try {
        const payload = (await gql(`mutation($input: ReassignInput!) { reassign(input: $input) {
          changed userErrors { field message } } }`, {'input': {'incidentId': it.id, 'userIds': userIds}}))['reassign'];
        if (payload['userErrors'].length) {
          showErrors(form, payload['userErrors']);
          return;
        }
        notice.textContent = said.text = 'Reassigned to ' + userIds.map((u) => people.get(u) || u).join(', ') + '.';
        reload();
      } catch (err) {
        showErrors(form, [{field: '', message: String(/** @type {!Error} */ (err).message)}]);
      }
    }},
  h('h2', {id: 'reassign-heading'}, 'Reassign'),
  h('fieldset', {'data-field': 'userIds', tabindex: '-1'}, h('legend', null, 'Who holds it'), boxes),
  h('p', {class: 'form-error error', role: 'alert'}),
  h('button', {type: 'submit', class: 'act-reassign'}, 'Reassign'));
  return form;
}

/**
 * @param {string} term
 * @param {string|!Node} value
 * @return {!Array<!Element>}
 */
function fact(term, value) {
  return [h('dt', null, term), h('dd', null, value)];
}

/**
 * The event in a sentence, naming people rather than ids.
 * @param {!IncidentEvent} e
 * @param {!Map<string, string>} people
 * @return {string}
 */
export function describe(e, people) {
  const d = e.data;
  /** @param {?} id @return {string} */
  const who = (id) => people.get(String(id)) || 'a former member';
  /** @param {?} ids @return {string} */
  const whom = (ids) => Array.isArray(ids) && ids.length ? ids.map(who).join(', ') : 'nobody';
  const by = e.actor.user ? /** @type {!Person} */ (e.actor.user).name : e.actor.type === 'INTEGRATION' ?
    'the monitoring tool' : 'Oncall';
  const method = (/** ? */ c) => c ? channel(String(c)) : 'a contact method';
  switch (e.kind) {
    case 'TRIGGERED':
      return 'Opened by an alert: ' + (d['summary'] || '') + (d['severity'] ? ' (' + String(d['severity']).toLowerCase() + ')' : '');
    case 'DEDUPLICATED':
      return 'The alert came again (' + d['count'] + ' times so far)';
    case 'ALERT_JOINED':
      return 'An alert joined: ' + (d['summary'] || '') + ' (' + d['count'] + ' alerts so far)';
    case 'ALERT_RESOLVED':
      return 'An alert resolved by its monitoring tool (' + d['open'] + ' still open)';
    case 'STEP_FIRED':
      return 'Step ' + (Number(d['step']) + 1) + (Number(d['loop']) ? ', repeat ' + d['loop'] : '') + ' paged ' + whom(d['users']);
    case 'INTENT_CREATED':
      return 'Will notify ' + who(d['user']) + ' by ' + method(d['channel']) +
        (d['notBefore'] ? ' at ' + precise(String(d['notBefore'])) : '');
    case 'NOTIFICATION_SENT':
      return 'Sent to ' + who(d['user_id']) + ' by ' + method(d['channel']) + (d['provider'] ? ' through ' + d['provider'] : '');
    case 'NOTIFICATION_DELIVERED':
      return 'Delivered to ' + who(d['user_id']) + ' by ' + method(d['channel']);
    case 'NOTIFICATION_FAILED':
      return 'Could not reach ' + who(d['user_id']) + ' by ' + method(d['channel']) + ': ' + (d['failure'] || d['error'] || 'failed') +
        (d['next_channel'] ? '; trying ' + method(d['next_channel']) + ' next' : '');
    case 'ACKNOWLEDGED':
      return 'Acknowledged by ' + by + (e.channel ? ' through ' + channel(e.channel) : '');
    case 'RESOLVED':
      return 'Resolved by ' + by + (e.channel ? ' through ' + channel(e.channel) : '');
    case 'ESCALATED':
      return 'Escalated by ' + by + ' from step ' + (Number(d['fromStep']) + 1);
    case 'REASSIGNED':
      return 'Reassigned by ' + by + ' to ' + whom(d['users']);
    case 'NOTE':
      return by + ': ' + d['note'];
    case 'EXHAUSTED':
      return 'Every step passed unanswered; paged the whole team: ' + whom(d['users']);
    case 'RETRIGGERED':
      return 'Triggered again: ' + (d['reason'] || 'the acknowledgement timed out');
    default:
      return 'Recorded as ' + e.code;
  }
}
