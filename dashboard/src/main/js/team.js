/**
 * @fileoverview Team admin (#/team): the team's members and their roles (change a role, remove
 * a member) and its pending invitations (invite by handle, cancel). Others see the members only.
 */
import {App} from './app.js';
import {gql} from './api.js';
import {h} from './dom.js';
import {Fields, ROLES, drawError, mutate, select, valueOf} from './forms.js';
import {label, when} from './format.js';

const MEMBERS = 'members(first: 100) { edges { node { role user { id name handle } } } }';
const INVITATIONS = 'invitations { id role invitee { handle name } invitedBy { name } createdAt }';

/** @param {!App} app */
export async function renderTeam(app) {
  const screen = app.screen;
  app.draw(screen, h('h1', null, 'Team'), h('p', {class: 'loading'}, 'Loading…'));
  await load(app, screen, '');
}

/**
 * @param {!App} app
 * @param {number} screen
 * @param {string} notice
 */
async function load(app, screen, notice) {
  const admin = app.team().myRole === 'ADMIN' && !!app.me;
  /** @type {?} */
  let team;
  try {
    team = (await gql(`query($team: ID!) { team(id: $team) { id name myRole ${MEMBERS} ${admin ? INVITATIONS : ''} } }`,
        {'team': app.teamId}))['team'];
  } catch (e) {
    drawError(app, screen, 'Team', e);
    return;
  }
  if (!team) {
    app.draw(screen, h('h1', null, 'No such team'));
    return;
  }
  const reload = (/** string */ said) => load(app, screen, said);
  const fields = new Fields('members');
  /**
   * @param {string} name
   * @param {string} inputType
   * @param {!Object<string, ?>} input
   * @param {string} done
   */
  const change = async (name, inputType, input, done) => {
    if (await mutate(fields, name, inputType, '__typename', input)) {
      reload(done);
    }
  };
  const members = team['members']['edges'].map((/** ? */ e) => e['node']);
  app.draw(screen,
      h('h1', null, team['name']),
      h('p', {id: 'notice', role: 'status', class: 'notice'}, notice),
      admin ? null : h('p', {class: 'muted'}, 'Admins of the team change roles and invite people.'),
      h('section', {'aria-labelledby': 'members-heading'},
          h('h2', {id: 'members-heading'}, 'Members'),
          h('div', {class: 'table-wrap'}, h('table', {id: 'member-rows'},
              h('caption', {class: 'visually-hidden'}, 'Members of ' + team['name']),
              h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Person'), h('th', {scope: 'col'}, 'Role'),
                  admin ? h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Remove')) : null)),
              h('tbody', null, members.map((/** ? */ m) => {
                const user = m['user'];
                const role = select(ROLES, m['role']);
                role.setAttribute('aria-label', 'Role of ' + user['name']);
                role.addEventListener('change', () => change('setMemberRole', 'SetMemberRoleInput',
                    {'teamId': team['id'], 'userId': user['id'], 'role': valueOf(role)},
                    user['name'] + ' is now ' + label(valueOf(role)).toLowerCase() + '.'));
                return h('tr', {'data-handle': user['handle']},
                    h('td', {class: 'title'}, user['name'] + ' ', h('span', {class: 'muted'}, '@' + user['handle'])),
                    h('td', null, admin ? role : label(m['role'])),
                    admin ? h('td', null, h('button', {type: 'button', class: 'remove-member', onclick: () => {
                      if (confirm('Remove ' + user['name'] + ' from ' + team['name'] + '?')) {
                        change('removeMember', 'RemoveMemberInput', {'teamId': team['id'], 'userId': user['id']},
                            user['name'] + ' removed.');
                      }
                    }}, 'Remove')) : null);
              })))),
          fields.general),
      admin ? invitations(team, reload) : null);
}

/**
 * @param {?} team
 * @param {function(string)} reload
 * @return {!HTMLElement}
 */
function invitations(team, reload) {
  const fields = new Fields('invite');
  const handle = h('input', {type: 'text', autocomplete: 'off', placeholder: 'their handle'});
  const role = select(ROLES, 'RESPONDER');
  const pending = team['invitations'];
  return h('section', {'aria-labelledby': 'invitations-heading'},
      h('h2', {id: 'invitations-heading'}, 'Invitations'),
      pending.length ? h('ul', {class: 'plain', id: 'invitations'}, pending.map((/** ? */ i) => h('li', null,
          i['invitee']['name'] + ' (@' + i['invitee']['handle'] + ') as ' + label(i['role']).toLowerCase() +
          ', invited ' + when(i['createdAt']) + (i['invitedBy'] ? ' by ' + i['invitedBy']['name'] : '') + ' ',
          h('button', {type: 'button', class: 'cancel-invitation', onclick: async () => {
            if (await mutate(fields, 'cancelInvitation', 'CancelInvitationInput', 'deletedId', {'id': i['id']})) {
              reload('Invitation cancelled.');
            }
          }}, 'Cancel')))) : h('p', null, 'No pending invitation.'),
      h('form', {class: 'inline', id: 'invite-form', novalidate: true, onsubmit: async (/** !Event */ e) => {
        e.preventDefault();
        const who = valueOf(handle).trim().replace(/^@/, '');
        if (await mutate(fields, 'inviteMember', 'InviteMemberInput', 'invitation { id }',
            {'teamId': team['id'], 'handle': who, 'role': valueOf(role)})) {
          reload('Invited @' + who + ': they join when they accept.');
        }
      }},
      h('h3', null, 'Invite someone'),
      fields.field('input.handle', 'Handle', handle),
      fields.field('input.role', 'Role', role),
      h('button', {type: 'submit', id: 'invite'}, 'Invite')),
      fields.general);
}
