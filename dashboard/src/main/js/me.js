/**
 * @fileoverview Me (#/me): my contact methods (add, verify with the code sent or the webhook's
 * challenge, test, delete), my notification rules, my calendar feed links and my personal API
 * tokens. A feed's URL and a token are shown once, when made, with a copy button.
 */
import {App} from './app.js';
import {gql} from './api.js';
import {h} from './dom.js';
import {Fields, copyButton, drawError, mutate, select, valueOf} from './forms.js';
import {channel, label, when} from './format.js';

const QUERY = `query($team: ID!) {
  me { id name handle timezone
    contactMethods { id type label address priority verified disabled
      recentMessages { kind state createdAt expiresAt error } }
    notificationRules { id delaySeconds urgency contactMethod { id type label } } }
  myCalendarFeeds { id schedule { id name } reminderMinutes createdAt }
  myApiTokens(first: 100) { edges { node { id name prefix createdAt expiresAt lastUsedAt revokedAt } } }
  team(id: $team) { schedules(first: 100) { edges { node { id name } } } } }`;

/** @const {!Array<!Array<string>>} */
const TYPES = [['SMS', 'SMS'], ['VOICE', 'Voice call'], ['EMAIL', 'Email'], ['SLACK', 'Slack'],
  ['WEBHOOK', 'Webhook'], ['PUSH', 'Push']];

/**
 * What each part of the screen is given: reload the screen saying what was done (and, once,
 * a secret to copy).
 * @typedef {function(string, ?Node=)}
 */
let Reload;

/** @param {!App} app */
export async function renderMe(app) {
  const screen = app.screen;
  app.draw(screen, h('h1', null, 'Me'), h('p', {class: 'loading'}, 'Loading…'));
  await load(app, screen, '', null);
}

/**
 * @param {!App} app
 * @param {number} screen
 * @param {string} notice
 * @param {?Node} once a secret shown this once
 */
async function load(app, screen, notice, once) {
  /** @type {?} */
  let data;
  try {
    data = await gql(QUERY, {'team': app.teamId});
  } catch (e) {
    drawError(app, screen, 'Me', e);
    return;
  }
  const me = data['me'];
  if (!me) {
    app.draw(screen, h('h1', null, 'Me'), h('p', null, 'A team automation token is nobody: it has no contact methods or tokens.'));
    return;
  }
  /** @type {!Reload} */
  const reload = (said, secret = null) => load(app, screen, said, secret || null);
  app.draw(screen,
      h('h1', null, me['name']),
      h('p', {class: 'muted'}, '@' + me['handle'] + ' · times in ' + me['timezone']),
      h('p', {id: 'notice', role: 'status', class: 'notice'}, notice),
      once,
      contactMethods(me, reload),
      rules(me, reload),
      feeds(data['myCalendarFeeds'], data['team'] ? data['team']['schedules']['edges'].map((/** ? */ e) => e['node']) : [], reload),
      tokens(data['myApiTokens']['edges'].map((/** ? */ e) => e['node']), reload));
}

/**
 * @param {?} me
 * @param {!Reload} reload
 * @return {!HTMLElement}
 */
function contactMethods(me, reload) {
  const fields = new Fields('method');
  const type = select(TYPES, 'SMS');
  const name = h('input', {type: 'text', placeholder: 'e.g. work phone'});
  const address = h('input', {type: 'text', autocomplete: 'off', placeholder: '+15551234567'});
  const priority = h('input', {type: 'number', inputmode: 'numeric', value: String(me['contactMethods'].length)});
  return h('section', {'aria-labelledby': 'methods-heading'},
      h('h2', {id: 'methods-heading'}, 'Contact methods'),
      h('p', {class: 'help'}, 'Tried in order of priority. Only verified methods are paged.'),
      h('ul', {class: 'plain methods', id: 'contact-methods'}, me['contactMethods'].map((/** ? */ m, /** number */ n) => method(m, n, reload))),
      h('form', {class: 'inline', id: 'method-form', novalidate: true, onsubmit: async (/** !Event */ e) => {
        e.preventDefault();
        const payload = await mutate(fields, 'addContactMethod', 'AddContactMethodInput', 'contactMethod { id }', {
          'type': valueOf(type), 'label': valueOf(name).trim() || null, 'address': valueOf(address).trim(),
          'priority': Math.trunc(Number(valueOf(priority)) || 0)});
        if (payload) {
          reload('Contact method added: send it a code to verify it.');
        }
      }},
      h('h3', null, 'Add a contact method'),
      fields.field('input.type', 'Type', type),
      fields.field('input.label', 'Label', name),
      fields.field('input.address', 'Number, address, member id or URL', address),
      fields.field('input.priority', 'Priority', priority),
      h('button', {type: 'submit', id: 'method-add'}, 'Add'),
      fields.general));
}

/**
 * One contact method with what may be done to it.
 * @param {?} m
 * @param {number} n
 * @param {!Reload} reload
 * @return {!HTMLElement}
 */
function method(m, n, reload) {
  const fields = new Fields('method-' + n);
  const code = h('input', {type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', class: 'code', size: '8'});
  const last = m['recentMessages'][0];
  const webhook = m['type'] === 'WEBHOOK';
  return h('li', {class: 'method', 'data-id': m['id'], 'data-verified': String(m['verified'])},
      h('strong', null, m['label'] || channel(m['type'])), ' ',
      h('span', {class: 'badge'}, channel(m['type'])), ' ',
      h('span', {class: 'address'}, m['address']), ' ',
      m['disabled'] ? h('span', {class: 'badge error'}, 'Disabled') :
        h('span', {class: 'badge ' + (m['verified'] ? 'verified' : 'unverified')}, m['verified'] ? 'Verified' : 'Not verified'),
      last ? h('p', {class: 'muted'}, 'Last ' + (last['kind'] === 'TEST' ? 'test' : webhook ? 'challenge' : 'code') + ': ' +
        label(last['state']) + ', ' + when(last['createdAt']) + (last['error'] ? ' — ' + last['error'] : '')) : null,
      h('div', {class: 'commands'},
          m['verified'] ? null : h('button', {type: 'button', class: 'send-code', onclick: async () => {
            if (await mutate(fields, 'sendVerification', 'SendVerificationInput', 'message { id }', {'contactMethodId': m['id']})) {
              reload(webhook ? 'Challenge sent: the webhook is verified when its receiver answers it.' :
                'Code sent to ' + m['address'] + ': type it here when it arrives.');
            }
          }}, webhook ? 'Send challenge' : 'Send code'),
          m['verified'] ? h('button', {type: 'button', class: 'send-test', onclick: async () => {
            if (await mutate(fields, 'sendTestNotification', 'SendTestNotificationInput', 'message { id }', {'contactMethodId': m['id']})) {
              reload('Test notification sent to ' + m['address'] + '.');
            }
          }}, 'Send test') : null,
          h('button', {type: 'button', class: 'delete-method', onclick: async () => {
            if (confirm('Delete ' + m['address'] + '?') &&
                await mutate(fields, 'deleteContactMethod', 'DeleteContactMethodInput', 'deletedId', {'id': m['id']})) {
              reload('Contact method deleted.');
            }
          }}, 'Delete')),
      m['verified'] || webhook ? null : h('form', {class: 'inline verify', onsubmit: async (/** !Event */ e) => {
        e.preventDefault();
        if (await mutate(fields, 'verifyContactMethod', 'VerifyContactMethodInput', 'contactMethod { id verified }',
            {'contactMethodId': m['id'], 'code': valueOf(code)})) {
          reload(m['address'] + ' is verified.');
        }
      }}, fields.field('input.code', 'Code', code), h('button', {type: 'submit', class: 'verify-code'}, 'Verify')),
      fields.general);
}

/**
 * @param {?} me
 * @param {!Reload} reload
 * @return {!HTMLElement}
 */
function rules(me, reload) {
  const fields = new Fields('rule');
  const methods = me['contactMethods'].map((/** ? */ m) => [m['id'], (m['label'] || channel(m['type'])) + ' (' + m['address'] + ')']);
  const which = select(methods, methods.length ? methods[0][0] : '');
  const delay = h('input', {type: 'number', inputmode: 'numeric', value: '0'});
  const urgency = select([['HIGH', 'High'], ['LOW', 'Low']], 'HIGH');
  return h('section', {'aria-labelledby': 'rules-heading'},
      h('h2', {id: 'rules-heading'}, 'Notification rules'),
      me['notificationRules'].length ? h('ul', {class: 'plain', id: 'notification-rules'}, me['notificationRules'].map((/** ? */ r) =>
        h('li', null, label(r['urgency']) + ' urgency: after ' + r['delaySeconds'] / 60 + ' min, ' +
            (r['contactMethod']['label'] || channel(r['contactMethod']['type'])) + ' ',
        h('button', {type: 'button', class: 'delete-rule', onclick: async () => {
          if (await mutate(fields, 'deleteNotificationRule', 'DeleteNotificationRuleInput', 'deletedId', {'id': r['id']})) {
            reload('Rule deleted.');
          }
        }}, 'Delete')))) : h('p', null, 'No rule: you are paged by no method.'),
      methods.length ? h('form', {class: 'inline', id: 'rule-form', novalidate: true, onsubmit: async (/** !Event */ e) => {
        e.preventDefault();
        if (await mutate(fields, 'addNotificationRule', 'AddNotificationRuleInput', 'notificationRule { id }', {
          'contactMethodId': valueOf(which), 'urgency': valueOf(urgency),
          'delaySeconds': Math.round(Number(valueOf(delay)) * 60) || 0})) {
          reload('Rule added.');
        }
      }},
      h('h3', null, 'Add a rule'),
      fields.field('input.urgency', 'When paged at', urgency),
      fields.field('input.delaySeconds', 'After (minutes)', delay),
      fields.field('input.contactMethodId', 'Use', which),
      h('button', {type: 'submit'}, 'Add rule')) : null,
      fields.general);
}

/**
 * @param {!Array<?>} list
 * @param {!Array<?>} schedules of the team shown
 * @param {!Reload} reload
 * @return {!HTMLElement}
 */
function feeds(list, schedules, reload) {
  const fields = new Fields('feed');
  const which = select([['', 'My shifts, on every schedule']].concat(schedules.map((s) => [s['id'], 'Every shift of ' + s['name']])), '');
  const remind = h('input', {type: 'text', inputmode: 'numeric', placeholder: 'e.g. 15, 60'});
  return h('section', {'aria-labelledby': 'feeds-heading'},
      h('h2', {id: 'feeds-heading'}, 'Calendar feeds'),
      h('p', {class: 'help'}, 'Subscribe to a feed\'s link in Google Calendar, Outlook or Apple Calendar. ' +
        'The link is shown once, when made; make a new one if it is lost.'),
      list.length ? h('ul', {class: 'plain', id: 'calendar-feeds'}, list.map((f) => h('li', null,
          (f['schedule'] ? 'Every shift of ' + f['schedule']['name'] : 'My shifts') +
          (f['reminderMinutes'].length ? ', reminders ' + f['reminderMinutes'].join(', ') + ' min before' : '') +
          ', made ' + when(f['createdAt']) + ' ',
          h('button', {type: 'button', class: 'delete-feed', onclick: async () => {
            if (await mutate(fields, 'deleteCalendarFeed', 'DeleteCalendarFeedInput', 'deletedId', {'id': f['id']})) {
              reload('Feed deleted: its link no longer works.');
            }
          }}, 'Delete')))) : h('p', null, 'No feed.'),
      h('form', {class: 'inline', id: 'feed-form', novalidate: true, onsubmit: async (/** !Event */ e) => {
        e.preventDefault();
        const minutes = valueOf(remind).split(/[\s,]+/).filter((t) => t).map(Number);
        const payload = await mutate(fields, 'createCalendarFeed', 'CreateCalendarFeedInput', 'url calendarFeed { id }', {
          'scheduleId': valueOf(which) || null, 'reminderMinutes': minutes});
        if (payload) {
          reload('Feed created.', secret('feed-url', 'Your feed\'s link (shown this once)', payload['url']));
        }
      }},
      h('h3', null, 'New feed'),
      fields.field('input.scheduleId', 'Shifts', which),
      fields.field('input.reminderMinutes', 'Reminders (minutes before)', remind),
      h('button', {type: 'submit', id: 'feed-add'}, 'Create link')),
      fields.general);
}

/**
 * @param {!Array<?>} list
 * @param {!Reload} reload
 * @return {!HTMLElement}
 */
function tokens(list, reload) {
  const fields = new Fields('token');
  const name = h('input', {type: 'text', placeholder: 'e.g. laptop CLI'});
  const expires = h('input', {type: 'date'});
  return h('section', {'aria-labelledby': 'tokens-heading'},
      h('h2', {id: 'tokens-heading'}, 'Personal API tokens'),
      h('p', {class: 'help'}, 'A token acts as you, with your roles. It is shown once, when made.'),
      list.length ? h('div', {class: 'table-wrap'}, h('table', {id: 'token-rows'},
          h('caption', {class: 'visually-hidden'}, 'Personal API tokens'),
          h('thead', null, h('tr', null, ['Name', 'Starts with', 'Made', 'Expires', 'Last used', ''].map((t) => h('th', {scope: 'col'}, t)))),
          h('tbody', null, list.map((t) => h('tr', {class: t['revokedAt'] ? 'revoked' : ''},
              h('td', {class: 'title'}, t['name']),
              h('td', null, h('code', null, t['prefix'] + '…')),
              h('td', null, when(t['createdAt'])),
              h('td', null, t['expiresAt'] ? when(t['expiresAt']) : 'never'),
              h('td', null, t['lastUsedAt'] ? when(t['lastUsedAt']) : 'never'),
              h('td', null, t['revokedAt'] ? 'Revoked ' + when(t['revokedAt']) :
                h('button', {type: 'button', class: 'revoke-token', onclick: async () => {
                  if (confirm('Revoke ' + t['name'] + '? Whatever uses it stops working at once.') &&
                      await mutate(fields, 'revokeApiToken', 'RevokeApiTokenInput', 'apiToken { id }', {'id': t['id']})) {
                    reload('Token revoked.');
                  }
                }}, 'Revoke'))))))) : h('p', null, 'No token.'),
      h('form', {class: 'inline', id: 'token-form', novalidate: true, onsubmit: async (/** !Event */ e) => {
        e.preventDefault();
        const day = valueOf(expires);
        const payload = await mutate(fields, 'createApiToken', 'CreateApiTokenInput', 'token apiToken { id }', {
          'name': valueOf(name).trim(), 'expiresAt': day ? new Date(day + 'T00:00').toISOString() : null});
        if (payload) {
          reload('Token created.', secret('new-token', 'Your new token (shown this once)', payload['token']));
        }
      }},
      h('h3', null, 'New token'),
      fields.field('input.name', 'Name', name),
      fields.field('input.expiresAt', 'Expires (optional)', expires),
      h('button', {type: 'submit', id: 'token-add'}, 'Create token')),
      fields.general);
}

/**
 * A secret shown once, with a copy button.
 * @param {string} id
 * @param {string} what
 * @param {string} value
 * @return {!HTMLElement}
 */
function secret(id, what, value) {
  return h('div', {class: 'secret', role: 'region', 'aria-label': what},
      h('p', null, h('strong', null, what + ':')),
      h('pre', {class: 'snippet', id: id}, h('code', null, value)),
      copyButton(id + '-copy', 'Copy', () => value));
}
