/**
 * @fileoverview Services: the team's list (#/services) and one service (#/services/<id>): its
 * name and policy edited in place, maintenance on and off, its integration keys each with a
 * ready-to-paste Alertmanager receiver and a curl for the Events API, and its heartbeat monitors.
 */
import {App} from './app.js';
import {gql} from './api.js';
import {h} from './dom.js';
import {Fields, atLeast, copyButton, drawError, mutate, select, valueOf} from './forms.js';
import {label, relative, when} from './format.js';

const LIST = `query($team: ID!) { team(id: $team) { services(first: 100) { edges { node {
  id name maintenanceUntil escalationPolicy { id name } heartbeatMonitors { state } } } } } }`;

/**
 * @param {boolean} manager the keys' secrets are for managers (the API refuses the field to others)
 * @return {string}
 */
const one = (manager) => `query($id: ID!) { service(id: $id) {
  id name description maintenanceUntil defaultUrgency ackTimeoutSeconds escalationPolicy { id name }
  integrationKeys { id type name ${manager ? 'secret' : ''} }
  heartbeatMonitors { id name intervalMinutes state lastPingAt nextPingDueAt missedCount }
  team { id myRole escalationPolicies(first: 100) { edges { node { id name } } } } } }`;

/** @const {!Array<!Array<string>>} how long maintenance lasts, in minutes */
const SPANS = [['30', '30 minutes'], ['60', '1 hour'], ['240', '4 hours'], ['1440', '1 day']];

/**
 * @param {?string} until
 * @param {number} now
 * @return {boolean}
 */
function inMaintenance(until, now) {
  return !!until && new Date(until).getTime() > now;
}

/** @param {!App} app */
export async function renderServices(app) {
  const screen = app.screen;
  app.draw(screen, h('h1', null, 'Services'), h('p', {class: 'loading'}, 'Loading…'));
  /** @type {?} */
  let data;
  try {
    data = await gql(LIST, {'team': app.teamId});
  } catch (e) {
    drawError(app, screen, 'Services', e);
    return;
  }
  const now = Date.now();
  const services = data['team'] ? data['team']['services']['edges'].map((/** ? */ e) => e['node']) : [];
  app.draw(screen, h('h1', null, 'Services'),
      services.length ? h('div', {class: 'table-wrap'}, h('table', {id: 'service-rows'},
          h('caption', null, 'Services of ' + app.team().name),
          h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Service'), h('th', {scope: 'col'}, 'Escalation policy'),
              h('th', {scope: 'col'}, 'Maintenance'), h('th', {scope: 'col'}, 'Heartbeats'))),
          h('tbody', null, services.map((/** ? */ s) => h('tr', null,
              h('td', {class: 'title'}, h('a', {href: '#/services/' + encodeURIComponent(s['id'])}, s['name'])),
              h('td', null, h('a', {href: '#/policies/' + encodeURIComponent(s['escalationPolicy']['id'])},
                  s['escalationPolicy']['name'])),
              h('td', null, inMaintenance(s['maintenanceUntil'], now) ? 'Until ' + when(s['maintenanceUntil']) : 'No'),
              h('td', null, heartbeatSummary(s['heartbeatMonitors']))))))) :
        h('p', null, 'This team has no service yet.'));
}

/**
 * @param {!Array<?>} monitors
 * @return {string} e.g. "2 healthy, 1 overdue"
 */
function heartbeatSummary(monitors) {
  if (!monitors.length) {
    return 'None';
  }
  /** @type {!Map<string, number>} */
  const counts = new Map();
  monitors.forEach((m) => counts.set(m['state'], (counts.get(m['state']) || 0) + 1));
  return [...counts].map(([state, n]) => n + ' ' + state.toLowerCase()).join(', ');
}

/**
 * @param {!App} app
 * @param {string} id
 */
export async function renderService(app, id) {
  const screen = app.screen;
  app.draw(screen, h('p', {class: 'loading'}, 'Loading…'));
  await load(app, id, screen, '');
}

/**
 * @param {!App} app
 * @param {string} id
 * @param {number} screen
 * @param {string} notice
 */
async function load(app, id, screen, notice) {
  /** @type {?} */
  let service;
  try {
    service = (await gql(one(atLeast(app, 'MANAGER')), {'id': id}))['service'];
  } catch (e) {
    drawError(app, screen, 'Service', e);
    return;
  }
  if (!service) {
    app.draw(screen, h('h1', null, 'No such service'), h('p', null, 'It does not exist, or is not of a team of yours.'));
    return;
  }
  const manager = atLeast(app, 'MANAGER');
  const reload = (/** string */ said) => load(app, id, screen, said);
  const now = Date.now();
  app.draw(screen,
      h('p', null, h('a', {href: '#/services'}, '← All services')),
      h('h1', {id: 'service-title'}, service['name']),
      service['description'] ? h('p', null, service['description']) : null,
      h('p', {id: 'notice', role: 'status', class: 'notice'}, notice),
      h('dl', {class: 'facts'},
          h('dt', null, 'Escalation policy'), h('dd', null, h('a', {href: '#/policies/' +
              encodeURIComponent(service['escalationPolicy']['id'])}, service['escalationPolicy']['name'])),
          h('dt', null, 'Default urgency'), h('dd', null, label(service['defaultUrgency'])),
          h('dt', null, 'Maintenance'), h('dd', {id: 'maintenance-state'}, inMaintenance(service['maintenanceUntil'], now) ?
            'On until ' + when(service['maintenanceUntil']) + ': alerts are recorded, nobody is paged' : 'Off')),
      manager ? maintenance(service, now, reload) : null,
      manager ? editor(service, reload) : null,
      keys(service, manager, reload),
      heartbeats(service, manager, reload, now));
}

/**
 * @param {?} service
 * @param {number} now
 * @param {function(string)} reload
 * @return {!HTMLElement}
 */
function maintenance(service, now, reload) {
  const fields = new Fields('maintenance');
  const span = select(SPANS, '60');
  const set = async (/** ?string */ until) => {
    if (await mutate(fields, 'setServiceMaintenance', 'SetServiceMaintenanceInput', 'service { id }',
        {'id': service['id'], 'until': until})) {
      reload(until ? 'Maintenance on.' : 'Maintenance off.');
    }
  };
  return h('section', {'aria-labelledby': 'maintenance-heading'},
      h('h2', {id: 'maintenance-heading'}, 'Maintenance'),
      inMaintenance(service['maintenanceUntil'], now) ?
        h('button', {type: 'button', id: 'maintenance-off', onclick: () => set(null)}, 'End maintenance now') :
        h('form', {class: 'inline', onsubmit: (/** !Event */ e) => {
          e.preventDefault();
          set(new Date(Date.now() + Number(valueOf(span)) * 60000).toISOString());
        }}, fields.field('input.until', 'For', span),
        h('button', {type: 'submit', id: 'maintenance-on'}, 'Start maintenance')),
      fields.general);
}

/**
 * @param {?} service
 * @param {function(string)} reload
 * @return {!HTMLElement}
 */
function editor(service, reload) {
  const fields = new Fields('service');
  const name = h('input', {type: 'text', value: service['name'], required: true});
  const policies = service['team']['escalationPolicies']['edges'].map((/** ? */ e) => [e['node']['id'], e['node']['name']]);
  const policy = select(policies, service['escalationPolicy']['id']);
  return h('form', {id: 'service-form', class: 'editor', novalidate: true, onsubmit: async (/** !Event */ e) => {
    e.preventDefault();
    if (await mutate(fields, 'updateService', 'UpdateServiceInput', 'service { id }', {'id': service['id'],
      'name': valueOf(name).trim(), 'description': service['description'], 'escalationPolicyId': valueOf(policy),
      'defaultUrgency': service['defaultUrgency'], 'ackTimeoutSeconds': service['ackTimeoutSeconds']})) {
      reload('Saved.');
    }
  }},
  h('h2', null, 'Edit'),
  fields.field('input.name', 'Name', name),
  fields.field('input.escalationPolicyId', 'Escalation policy', policy),
  fields.general,
  h('div', {class: 'buttons'}, h('button', {type: 'submit', id: 'service-save'}, 'Save service')));
}

/**
 * The Alertmanager receiver for a key, pointing at this server.
 * @param {?} key
 * @param {string} serviceName
 * @return {string}
 */
export function alertmanagerReceiver(key, serviceName) {
  const name = 'oncall-' + (serviceName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'service');
  if (key['type'] === 'ALERTMANAGER') {
    return `receivers:
  - name: ${name}
    webhook_configs:
      - url: ${location.origin}/integrations/alertmanager/${key['secret']}
        send_resolved: true
`;
  }
  return `receivers:
  - name: ${name}
    pagerduty_configs:
      - routing_key: ${key['secret']}
        url: ${location.origin}/v2/enqueue
        severity: '{{ .CommonLabels.severity | default "error" }}'
`;
}

/**
 * A curl that sends a test alert with the key.
 * @param {?} key
 * @return {string}
 */
export function curlFor(key) {
  if (key['type'] === 'ALERTMANAGER') {
    return `curl -X POST ${location.origin}/integrations/alertmanager/${key['secret']} \\
  -H 'Content-Type: application/json' \\
  -d '{"version": "4", "status": "firing", "alerts": [{"status": "firing",
       "labels": {"alertname": "TestAlert", "severity": "critical", "instance": "curl"},
       "annotations": {"summary": "A test alert sent with curl"}, "fingerprint": "curl-test"}]}'
`;
  }
  return `curl -X POST ${location.origin}/v2/enqueue \\
  -H 'Content-Type: application/json' \\
  -d '{"routing_key": "${key['secret']}", "event_action": "trigger", "dedup_key": "curl-test",
       "payload": {"summary": "A test alert sent with curl", "source": "curl", "severity": "critical"}}'
`;
}

/**
 * @param {?} service
 * @param {boolean} manager
 * @param {function(string)} reload
 * @return {!HTMLElement}
 */
function keys(service, manager, reload) {
  const fields = new Fields('key');
  const type = select([['ALERTMANAGER', 'Alertmanager webhook'], ['EVENTS_V2', 'Events API v2 (PagerDuty)']], 'ALERTMANAGER');
  const name = h('input', {type: 'text', value: 'alertmanager'});
  return h('section', {'aria-labelledby': 'keys-heading'},
      h('h2', {id: 'keys-heading'}, 'Integration keys'),
      service['integrationKeys'].length ? null : h('p', null, 'No key yet: monitoring tools need one to send alerts.'),
      h('ul', {class: 'plain keys', id: 'integration-keys'}, service['integrationKeys'].map((/** ? */ k, /** number */ n) => {
        const title = h('h3', null, k['name'] + ' — ' + (k['type'] === 'ALERTMANAGER' ? 'Alertmanager webhook' : 'Events API v2'));
        if (!manager) {
          return h('li', {class: 'key', 'data-type': k['type']}, title,
              h('p', {class: 'muted'}, 'Managers and admins see the key and its ready-to-paste receiver.'));
        }
        const receiver = alertmanagerReceiver(k, service['name']);
        const curl = curlFor(k);
        return h('li', {class: 'key', 'data-type': k['type']}, title,
            h('p', null, 'Alertmanager receiver (alertmanager.yml):'),
            h('pre', {class: 'snippet alertmanager', id: 'receiver-' + n}, h('code', null, receiver)),
            copyButton('copy-receiver-' + n, 'Copy receiver', () => receiver),
            h('p', null, 'Send a test alert:'),
            h('pre', {class: 'snippet curl', id: 'curl-' + n}, h('code', null, curl)),
            copyButton('copy-curl-' + n, 'Copy curl', () => curl),
            h('p', null, h('button', {type: 'button', class: 'delete-key', onclick: async () => {
              if (!confirm('Delete the key ' + k['name'] + '? Tools sending with it will be refused.')) {
                return;
              }
              if (await mutate(fields, 'deleteIntegrationKey', 'DeleteIntegrationKeyInput', 'deletedId', {'id': k['id']})) {
                reload('Key deleted.');
              }
            }}, 'Delete key')));
      })),
      manager ? h('form', {class: 'inline', id: 'key-form', onsubmit: async (/** !Event */ e) => {
        e.preventDefault();
        if (await mutate(fields, 'createIntegrationKey', 'CreateIntegrationKeyInput', 'integrationKey { id }',
            {'serviceId': service['id'], 'type': valueOf(type), 'name': valueOf(name).trim()})) {
          reload('Key created.');
        }
      }},
      fields.field('input.type', 'Type', type),
      fields.field('input.name', 'Name', name),
      h('button', {type: 'submit'}, 'Add key')) : null,
      fields.general);
}

/**
 * @param {?} service
 * @param {boolean} manager
 * @param {function(string)} reload
 * @param {number} now
 * @return {!HTMLElement}
 */
function heartbeats(service, manager, reload, now) {
  const fields = new Fields('heartbeat');
  const name = h('input', {type: 'text'});
  const interval = h('input', {type: 'number', inputmode: 'numeric', value: '5'});
  const monitors = service['heartbeatMonitors'];
  return h('section', {'aria-labelledby': 'heartbeats-heading'},
      h('h2', {id: 'heartbeats-heading'}, 'Heartbeat monitors'),
      monitors.length ? h('div', {class: 'table-wrap'}, h('table', {id: 'heartbeat-rows'},
          h('caption', {class: 'visually-hidden'}, 'Heartbeat monitors'),
          h('thead', null, h('tr', null, ['Monitor', 'Every', 'State', 'Last ping', 'Next due', 'Missed']
              .map((t) => h('th', {scope: 'col'}, t)))),
          h('tbody', null, monitors.map((/** ? */ m) => h('tr', {class: 'heartbeat-' + m['state'].toLowerCase()},
              h('td', {class: 'title'}, m['name']),
              h('td', null, m['intervalMinutes'] + ' min'),
              h('td', null, h('span', {class: 'badge heartbeat-' + m['state'].toLowerCase()}, label(m['state']))),
              h('td', null, m['lastPingAt'] ? relative(m['lastPingAt'], now) : 'never'),
              h('td', null, m['nextPingDueAt'] ? relative(m['nextPingDueAt'], now) : '—'),
              h('td', null, String(m['missedCount']))))))) :
        h('p', null, 'No heartbeat monitor.'),
      manager ? h('form', {class: 'inline', id: 'heartbeat-form', novalidate: true, onsubmit: async (/** !Event */ e) => {
        e.preventDefault();
        if (await mutate(fields, 'createHeartbeatMonitor', 'CreateHeartbeatMonitorInput', 'heartbeatMonitor { id }',
            {'serviceId': service['id'], 'name': valueOf(name).trim(), 'intervalMinutes': Math.trunc(Number(valueOf(interval)) || 0)})) {
          reload('Heartbeat monitor created: ping it with POST /integrations/heartbeat/<its key>.');
        }
      }},
      fields.field('input.name', 'Name', name),
      fields.field('input.intervalMinutes', 'Every (minutes)', interval),
      h('button', {type: 'submit'}, 'Add monitor')) : null,
      fields.general);
}
