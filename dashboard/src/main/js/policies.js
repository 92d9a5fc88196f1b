/**
 * @fileoverview Escalation policies: the team's list (#/policies) and one policy (#/policies/<id>)
 * with its steps — each a delay and the schedules, people or team it pages — edited in place,
 * the API's userErrors shown on the field they name.
 */
import {App} from './app.js';
import {gql} from './api.js';
import {h, mount} from './dom.js';
import {Fields, drawError, mutate, select, valueOf} from './forms.js';
import {label} from './format.js';

const TARGET_FIELDS = 'type id schedule { name } user { name } team { name }';

const LIST = `query($team: ID!) { team(id: $team) { escalationPolicies(first: 100) { edges { node {
  id name description repeatCount steps { position escalateAfterSeconds targets { ${TARGET_FIELDS} } } } } } } }`;

const ONE = `query($id: ID!) { escalationPolicy(id: $id) {
  id name description repeatCount version steps { escalateAfterSeconds targets { ${TARGET_FIELDS} } }
  team { id name myRole schedules(first: 100) { edges { node { id name } } }
    members(first: 100) { edges { node { user { id name } } } } } } }`;

/** @typedef {{type: string, id: string}} */
let Target;

/** @typedef {{minutes: string, targets: !Array<!Target>}} */
let Step;

/**
 * @param {?} t a StepTarget
 * @return {string} e.g. "Schedule Primary"
 */
function targetName(t) {
  const of = t['schedule'] || t['user'] || t['team'];
  return label(t['type']) + ' ' + (of ? of['name'] : '(gone)');
}

/**
 * @param {number} seconds
 * @return {string}
 */
function delay(seconds) {
  return seconds % 60 ? seconds + ' s' : seconds / 60 + ' min';
}

/** @param {!App} app */
export async function renderPolicies(app) {
  const screen = app.screen;
  app.draw(screen, h('h1', null, 'Escalation policies'), h('p', {class: 'loading'}, 'Loading…'));
  /** @type {?} */
  let data;
  try {
    data = await gql(LIST, {'team': app.teamId});
  } catch (e) {
    drawError(app, screen, 'Escalation policies', e);
    return;
  }
  const policies = data['team'] ? data['team']['escalationPolicies']['edges'].map((/** ? */ e) => e['node']) : [];
  app.draw(screen, h('h1', null, 'Escalation policies'),
      policies.length ? h('div', {class: 'table-wrap'}, h('table', {id: 'policy-rows'},
          h('caption', null, 'Escalation policies of ' + app.team().name),
          h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Policy'), h('th', {scope: 'col'}, 'Steps'),
              h('th', {scope: 'col'}, 'Repeats'))),
          h('tbody', null, policies.map((/** ? */ p) => h('tr', null,
              h('td', {class: 'title'}, h('a', {href: '#/policies/' + encodeURIComponent(p['id'])}, p['name'])),
              h('td', null, h('ol', {class: 'steps'}, p['steps'].map((/** ? */ s) => h('li', null,
                  s['targets'].map(targetName).join(', ') + ', then after ' + delay(s['escalateAfterSeconds']))))),
              h('td', null, String(p['repeatCount']))))))) :
        h('p', null, 'This team has no escalation policy yet.'));
}

/**
 * @param {!App} app
 * @param {string} id
 */
export async function renderPolicy(app, id) {
  const screen = app.screen;
  app.draw(screen, h('p', {class: 'loading'}, 'Loading…'));
  await load(app, id, screen, '');
}

/**
 * @param {!App} app
 * @param {string} id
 * @param {number} screen
 * @param {string} notice what was just done
 */
async function load(app, id, screen, notice) {
  /** @type {?} */
  let policy;
  try {
    policy = (await gql(ONE, {'id': id}))['escalationPolicy'];
  } catch (e) {
    drawError(app, screen, 'Escalation policy', e);
    return;
  }
  if (!policy) {
    app.draw(screen, h('h1', null, 'No such escalation policy'), h('p', null, 'It does not exist, or is not of a team of yours.'));
    return;
  }
  const team = policy['team'];
  /** @type {!Object<string, !Array<!Array<string>>>} what each target type may name */
  const choices = {
    'SCHEDULE': team['schedules']['edges'].map((/** ? */ e) => [e['node']['id'], e['node']['name']]),
    'USER': team['members']['edges'].map((/** ? */ e) => [e['node']['user']['id'], e['node']['user']['name']]),
    'TEAM': [[team['id'], team['name']]],
  };
  const editable = team['myRole'] === 'MANAGER' || team['myRole'] === 'ADMIN';
  app.draw(screen,
      h('p', null, h('a', {href: '#/policies'}, '← All escalation policies')),
      h('h1', {id: 'policy-title'}, policy['name']),
      policy['description'] ? h('p', null, policy['description']) : null,
      h('p', {id: 'notice', role: 'status', class: 'notice'}, notice),
      editable ? editor(app, screen, policy, choices) : h('section', null,
          h('p', {class: 'muted'}, 'Managers and admins of ' + team['name'] + ' may edit it.'),
          h('ol', {id: 'policy-steps'}, policy['steps'].map((/** ? */ s) => h('li', null,
              s['targets'].map(targetName).join(', ') + ', then after ' + delay(s['escalateAfterSeconds']))))));
}

/**
 * The edit form: it keeps the policy as plain data and redraws its steps when one is added or removed.
 * @param {!App} app
 * @param {number} screen
 * @param {?} policy
 * @param {!Object<string, !Array<!Array<string>>>} choices
 * @return {!HTMLElement}
 */
function editor(app, screen, policy, choices) {
  /** @type {!Array<!Step>} */
  const steps = policy['steps'].map((/** ? */ s) => ({
    minutes: String(s['escalateAfterSeconds'] / 60),
    targets: s['targets'].map((/** ? */ t) => ({type: t['type'], id: t['id']})),
  }));
  const name = h('input', {type: 'text', value: policy['name'], required: true, maxlength: '200'});
  const description = h('textarea', {rows: '2', value: policy['description']});
  const repeat = h('input', {type: 'number', inputmode: 'numeric', value: String(policy['repeatCount'])});
  const stepsBox = h('div', {id: 'policy-steps'});
  const top = h('div');
  const general = h('div');
  let fields = new Fields('policy');

  const draw = () => {
    fields = new Fields('policy');
    mount(stepsBox, steps.map((step, i) => {
      const minutes = h('input', {type: 'number', inputmode: 'numeric', step: 'any', value: step.minutes,
        oninput: () => step.minutes = valueOf(minutes)});
      const targets = h('fieldset', {class: 'targets'}, h('legend', null, 'Pages'),
          step.targets.map((t, j) => {
            const type = select([['SCHEDULE', 'Schedule'], ['USER', 'Person'], ['TEAM', 'Whole team']], t.type);
            type.setAttribute('aria-label', 'Step ' + (i + 1) + ' target ' + (j + 1) + ' type');
            type.addEventListener('change', () => {
              t.type = valueOf(type);
              const first = choices[t.type][0];
              t.id = first ? first[0] : '';
              draw();
            });
            const which = select(choices[t.type], t.id);
            which.addEventListener('change', () => t.id = valueOf(which));
            return h('div', {class: 'target'}, type,
                fields.field('input.steps[' + i + '].targets[' + j + ']', 'Step ' + (i + 1) + ' target ' + (j + 1), which),
                h('button', {type: 'button', class: 'remove-target', onclick: () => {
                  step.targets.splice(j, 1);
                  draw();
                }}, 'Remove'));
          }),
          h('button', {type: 'button', class: 'add-target', onclick: () => {
            const type = choices['SCHEDULE'].length ? 'SCHEDULE' : 'USER';
            step.targets.push({type: type, id: (choices[type][0] || [''])[0]});
            draw();
          }}, 'Add target'));
      fields.register('input.steps[' + i + '].targets', targets);
      return h('fieldset', {class: 'step', 'data-step': String(i)},
          h('legend', null, 'Step ' + (i + 1)),
          targets,
          fields.field('input.steps[' + i + '].escalateAfterSeconds', 'Escalate after (minutes)', minutes),
          h('button', {type: 'button', class: 'remove-step', onclick: () => {
            steps.splice(i, 1);
            draw();
          }}, 'Remove step ' + (i + 1)));
    }));
    mount(top, fields.field('input.name', 'Name', name),
        fields.field('input.description', 'Description', description),
        fields.field('input.repeatCount', 'Repeats after the last step (0–9)', repeat));
    mount(general, fields.general);
  };
  draw();

  const save = h('button', {type: 'submit', id: 'policy-save'}, 'Save policy');
  return h('form', {id: 'policy-form', class: 'editor', novalidate: true, onsubmit: async (/** !Event */ e) => {
    e.preventDefault();
    save.disabled = true;
    try {
      const input = {
        'id': policy['id'], 'version': policy['version'], 'name': valueOf(name).trim(),
        'description': valueOf(description), 'repeatCount': whole(valueOf(repeat)),
        'steps': steps.map((s) => ({'escalateAfterSeconds': Math.round(Number(s.minutes) * 60),
          'targets': s.targets.map((t) => ({'type': t.type, 'id': t.id}))})),
      };
      if (await mutate(fields, 'updateEscalationPolicy', 'UpdateEscalationPolicyInput', 'escalationPolicy { id }', input)) {
        await load(app, policy['id'], screen, 'Saved.');
      }
    } finally {
      save.disabled = false;
    }
  }},
  h('h2', null, 'Edit'),
  top,
  h('h3', null, 'Steps'),
  stepsBox,
  h('button', {type: 'button', id: 'add-step', onclick: () => {
    steps.push({minutes: '10', targets: []});
    draw();
  }}, 'Add step'),
  general,
  h('div', {class: 'buttons'}, save));
}

/**
 * @param {string} text
 * @return {number} the number typed, whole; NaN-free (0 for nothing)
 */
function whole(text) {
  const n = Number(text);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}
