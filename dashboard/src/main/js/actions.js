/**
 * @fileoverview Commands on incidents (acknowledge, resolve, escalate, add a note) for one or
 * many at once: one request, one aliased mutation per incident.
 */
import {describeUserErrors, gql} from './api.js';
import {h} from './dom.js';
import {INCIDENT_FIELDS, Incident} from './types.js';

/** @enum {string} */
export const Command = {
  ACKNOWLEDGE: 'acknowledge',
  RESOLVE: 'resolve',
  ESCALATE: 'escalate',
  ADD_NOTE: 'addNote',
  REASSIGN: 'reassign',
};

/** @const {!Object<string, string>} what a button says */
export const VERB = {
  'acknowledge': 'Acknowledge',
  'resolve': 'Resolve',
  'escalate': 'Escalate',
  'addNote': 'Add note',
  'reassign': 'Reassign',
};

/** @const {!Object<string, string>} what was done, for the notice */
const DONE = {
  'acknowledge': 'Acknowledged',
  'resolve': 'Resolved',
  'escalate': 'Escalated',
  'addNote': 'Noted on',
  'reassign': 'Reassigned',
};

/**
 * @param {!Command} command
 * @param {!Array<string>} ids
 * @param {string=} note for ADD_NOTE
 * @param {!Array<string>=} userIds for REASSIGN: who holds the incidents after it
 * @return {!Promise<{incidents: !Array<!Incident>, message: string, failed: boolean}>}
 */
export async function run(command, ids, note = '', userIds = []) {
  const params = ids.map((id, n) => '$i' + n + ': ID!');
  /** @type {string} what the input carries beside the incident's id */
  let extra = '';
  /** @type {!Object<string, ?>} */
  const variables = {};
  if (command === Command.ADD_NOTE) {
    params.push('$note: String!');
    extra = ', note: $note';
    variables['note'] = note;
  } else if (command === Command.REASSIGN) {
    params.push('$users: [ID!]!');
    extra = ', userIds: $users';
    variables['users'] = userIds;
  }
  const fields = ids.map((id, n) => 'm' + n + ': ' + command + '(input: {incidentId: $i' + n + extra +
    '}) { changed incident { ' + INCIDENT_FIELDS + ' } userErrors { field message } }');
  ids.forEach((id, n) => variables['i' + n] = id);
  const data = await gql('mutation(' + params.join(', ') + ') { ' + fields.join('\n') + ' }', variables);
  /** @type {!Array<!Incident>} */
  const incidents = [];
  /** @type {!Array<string>} */
  const problems = [];
  let changed = 0;
  ids.forEach((id, n) => {
    const payload = data['m' + n];
    if (payload['userErrors'].length) {
      problems.push(describeUserErrors(payload['userErrors']));
    } else {
      if (payload['changed']) {
        changed++;
      }
      if (payload['incident']) {
        incidents.push(/** @type {!Incident} */ (payload['incident']));
      }
    }
  });
  const unchanged = ids.length - changed - problems.length;
  const message = DONE[command] + ' ' + changed + ' incident' + (changed === 1 ? '' : 's') +
    (unchanged ? ' (' + unchanged + ' already so)' : '') +
    (problems.length ? '. Refused: ' + problems.join('; ') : '.');
  return {incidents: incidents, message: message, failed: problems.length > 0};
}

/**
 * Asks for a note in a modal dialog; resolves to the text, or null when cancelled.
 * @param {string} about what the note is for, e.g. "2 incidents"
 * @return {!Promise<?string>}
 */
export function askForNote(about) {
  return new Promise((resolve) => {
    const text = /** @type {!HTMLTextAreaElement} */ (h('textarea', {id: 'note-text', rows: '4',
      maxlength: '4000', required: true}));
    const dialog = /** @type {!HTMLDialogElement} */ (h('dialog', {class: 'note', 'aria-labelledby': 'note-title'},
        h('form', {method: 'dialog', onsubmit: (/** !Event */ e) => {
          e.preventDefault();
          dialog.close();
          resolve(text.value.trim() || null);
        }},
        h('h2', {id: 'note-title'}, 'Add a note to ' + about),
        h('label', {for: 'note-text'}, 'Note'),
        text,
        h('div', {class: 'buttons'},
            h('button', {type: 'submit'}, 'Add note'),
            h('button', {type: 'button', onclick: () => dialog.close()}, 'Cancel')))));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(null);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    text.focus();
  });
}

/**
 * Asks in a modal dialog whom to hand incidents to; resolves to their ids, or null when cancelled.
 * @param {string} about what is handed over, e.g. "2 incidents"
 * @param {!Array<{id: string, name: string}>} people who may hold them (the team's members)
 * @return {!Promise<?Array<string>>}
 */
export function askForPeople(about, people) {
  return new Promise((resolve) => {
    /** @type {?Array<string>} */
    let chosen = null;
    const boxes = people.map((p) => h('label', null, h('input', {type: 'checkbox', value: p.id, class: 'reassign-to'}),
        ' ' + p.name));
    const dialog = /** @type {!HTMLDialogElement} */ (h('dialog', {class: 'note', id: 'reassign-dialog',
      'aria-labelledby': 'reassign-title'},
    h('form', {method: 'dialog', onsubmit: (/** !Event */ e) => {
      e.preventDefault();
      chosen = [...dialog.querySelectorAll('input.reassign-to:checked')].map(
          (b) => /** @type {!HTMLInputElement} */ (b).value);
      dialog.close();
    }},
    h('h2', {id: 'reassign-title'}, 'Reassign ' + about),
    h('fieldset', null, h('legend', null, 'To'), boxes),
    h('div', {class: 'buttons'},
        h('button', {type: 'submit'}, 'Reassign'),
        h('button', {type: 'button', onclick: () => dialog.close()}, 'Cancel')))));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(chosen && chosen.length ? chosen : null);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}
