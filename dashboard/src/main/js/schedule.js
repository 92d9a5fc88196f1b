/**
 * @fileoverview One schedule: its final timeline as a chart over a day, week or month (layers,
 * overrides, cover requests, gaps), read in the zones the viewer picks (their own by default,
 * the schedule's, or several side by side); the handoffs; hours on call per person; overrides
 * and cover (create from the chart or a form, claim, cancel); its layers, edited with the API's
 * errors on their fields. The address holds the view, so a link shows the same thing:
 * #/schedules/<id>?view=week&date=2027-03-11&zones=Europe/London,Australia/Lord_Howe
 */
import {App} from './app.js';
import {gql} from './api.js';
import {h} from './dom.js';
import {clearErrors, showErrors} from './fielderrors.js';
import {names} from './format.js';
import {addCalendar, browserZone, dayAndTime, inputValue, instant, knownZone, local, offset, wall, wallDate} from './zones.js';
import {Person} from './types.js';

const VIEWS = ['day', 'week', 'month'];
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const ROTATIONS = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'CUSTOM'];

const LAYER_FIELDS = `id name position start end usersPerShift rotation { type length period }
  participants { id name } restrictions { type startDay start endDay end }`;

const QUERY = `query Schedule($id: ID!, $from: DateTime!, $to: DateTime!) { schedule(id: $id) {
  id name timezone version team { id myRole members(first: 100) { edges { node { user { id name } } } } }
  layers { ${LAYER_FIELDS} }
  timeline(from: $from, to: $to) { segments { start end users { id name } } gaps { start end } }
  shifts(from: $from, to: $to, first: 100) { edges { node { user { id name } start end source layer } }
    pageInfo { hasNextPage } }
  overrides(from: $from, to: $to, first: 100) { edges { node { id user { id name } start end } } }
  coverageRequests(from: $from, to: $to, first: 100) { edges { node {
    id requester { id name } start end reason status claimedBy { id name } } } }
  hoursByUser(from: $from, to: $to) { user { id name } seconds } } }`;

/**
 * What the address asks to see.
 * @typedef {{view: string, date: string, zones: !Array<string>}}
 */
let View;

/** @typedef {{start: number, end: number, text: string, kind: string, title: string, user: ?Person}} */
let Block;

/**
 * @param {string} scheduleId
 * @return {!View}
 */
function viewFromAddress(scheduleId) {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const zones = (params.get('zones') || '').split(',').filter((z) => z && knownZone(z));
  const view = VIEWS.includes(params.get('view') || '') ? /** @type {string} */ (params.get('view')) : 'week';
  const first = zones[0] || browserZone();
  const date = params.get('date') || '';
  return {view: view, zones: zones.length ? zones : [first],
    date: isNaN(wallDate(date)) ? local(Date.now(), first).substring(0, 10) : date};
}

/**
 * @param {string} scheduleId
 * @param {!View} v
 * @return {string}
 */
function address(scheduleId, v) {
  return '#/schedules/' + encodeURIComponent(scheduleId) + '?view=' + v.view + '&date=' + v.date +
    '&zones=' + v.zones.map(encodeURIComponent).join(',');
}

/**
 * @param {!View} v
 * @return {{from: number, to: number}} the range shown: from the date's midnight in the first zone
 */
function range(v) {
  const start = wallDate(v.date);
  const end = v.view === 'day' ? addCalendar(start, 1) : v.view === 'week' ? addCalendar(start, 7) : addCalendar(start, 0, 1);
  return {from: instant(start, v.zones[0]), to: instant(end, v.zones[0])};
}

/**
 * @param {!App} app
 * @param {string} scheduleId
 * @param {string=} said what the status line said before a reload, said again after it
 */
export async function renderSchedule(app, scheduleId, said = '') {
  const screen = app.screen;
  const v = viewFromAddress(scheduleId);
  const r = range(v);
  app.draw(screen, h('h1', null, 'Schedule'), h('p', {class: 'loading'}, 'Loading…'));
  /** @type {?} */
  let data;
  try {
    data = await gql(QUERY, {'id': scheduleId, 'from': new Date(r.from).toISOString(), 'to': new Date(r.to).toISOString()});
  } catch (e) {
    app.draw(screen, h('h1', null, 'Schedule'), h('p', {class: 'error', role: 'alert'}, String(/** @type {!Error} */ (e).message)));
    return;
  }
  const s = data['schedule'];
  if (!s) {
    app.draw(screen, h('h1', null, 'Schedule'), h('p', {class: 'error', role: 'alert'}, 'No such schedule.'));
    return;
  }
  const members = /** @type {!Array<!Person>} */ (s['team']['members']['edges'].map((/** ? */ e) => e['node']['user']));
  const notice = h('p', {id: 'schedule-notice', class: 'notice', role: 'status'}, said);
  const reload = () => renderSchedule(app, scheduleId, notice.textContent || '');
  const overrideForm = overrideFormFor(app, s, members, v.zones[0], notice, reload);
  const coverForm = coverFormFor(s, v.zones[0], notice, reload);
  /** @param {!Block} b */
  const pick = (b) => {
    fill(overrideForm, b, v.zones[0], app.me);
    fill(coverForm, b, v.zones[0], null);
    notice.textContent = 'The forms below now hold ' + b.text + ', ' + dayAndTime(b.start, v.zones[0]) + ' to ' +
      dayAndTime(b.end, v.zones[0]) + ': confirm one.';
    /** @type {!HTMLElement} */ (overrideForm.querySelector('select, input')).focus();
  };
  app.draw(screen,
      h('h1', null, s['name']),
      h('p', {class: 'muted'}, 'Layers are read in the schedule\'s zone, ' + s['timezone'] + '.'),
      controls(scheduleId, v, s['timezone']),
      chart(s, v, r, pick),
      s['shifts']['pageInfo']['hasNextPage'] ?
        h('p', {class: 'muted'}, 'More than 100 shifts in this range: the layer rows show the first 100; pick a shorter view.') : null,
      notice,
      handoffs(s, v),
      hours(s),
      h('section', {'aria-labelledby': 'override-title', class: 'forms'},
          h('div', null, h('h2', {id: 'override-title'}, 'Take an override'), overrideForm),
          h('div', null, h('h2', {id: 'cover-title'}, 'Request cover'), coverForm)),
      overridesList(s, notice, reload),
      coverList(app, s, notice, reload),
      layersSection(s, members, notice, reload));
}

/**
 * @param {string} scheduleId
 * @param {!View} v
 * @param {string} scheduleZone
 * @return {!Element}
 */
function controls(scheduleId, v, scheduleZone) {
  const start = wallDate(v.date);
  /** @param {number} sign */
  const step = (sign) => new Date(v.view === 'day' ? addCalendar(start, sign) : v.view === 'week' ?
    addCalendar(start, 7 * sign) : addCalendar(start, 0, sign)).toISOString().substring(0, 10);
  const mine = browserZone();
  const other = /** @type {!HTMLInputElement} */ (h('input', {id: 'zone-add', list: 'zone-names', placeholder: 'e.g. Asia/Tokyo', size: 18}));
  const supported = /** @type {?function(string): !Array<string>} */ (/** @type {?} */ (Intl)['supportedValuesOf']);
  /** @param {!Array<string>} zones */
  const go = (zones) => {
    location.hash = address(scheduleId, {view: v.view, date: v.date, zones: zones.length ? zones : [mine]});
  };
  /** @param {string} zone */
  const toggle = (zone) => go(v.zones.includes(zone) ? v.zones.filter((z) => z !== zone) : v.zones.concat([zone]));
  const zoneError = h('span', {id: 'zone-error', class: 'error', role: 'alert'});
  return h('div', {class: 'filters', id: 'schedule-controls'},
      h('nav', {'aria-label': 'Range', class: 'commands'},
          h('a', {href: address(scheduleId, {view: v.view, date: step(-1), zones: v.zones}), id: 'range-prev'}, '← Earlier'),
          VIEWS.map((view) => h('a', {href: address(scheduleId, {view: view, date: v.date, zones: v.zones}),
            'aria-current': view === v.view ? 'true' : null, class: 'view-' + view}, view.charAt(0).toUpperCase() + view.substring(1))),
          h('a', {href: address(scheduleId, {view: v.view, date: step(1), zones: v.zones}), id: 'range-next'}, 'Later →')),
      h('fieldset', {id: 'zone-picker'},
          h('legend', null, 'Times in'),
          h('label', null, h('input', {type: 'checkbox', checked: v.zones.includes(mine), onchange: () => toggle(mine)}),
              ' Mine (' + mine + ')'),
          mine === scheduleZone ? null : h('label', null, h('input', {type: 'checkbox', checked: v.zones.includes(scheduleZone),
            onchange: () => toggle(scheduleZone)}), ' The schedule\'s (' + scheduleZone + ')'),
          v.zones.filter((z) => z !== mine && z !== scheduleZone).map((z) => h('label', null,
              h('input', {type: 'checkbox', checked: true, onchange: () => toggle(z)}), ' ' + z)),
          h('label', {for: 'zone-add'}, 'Add a zone'), other,
          supported ? h('datalist', {id: 'zone-names'}, supported('timeZone').map((z) => h('option', {value: z}))) : null,
          h('button', {type: 'button', onclick: () => {
            const zone = other.value.trim();
            if (knownZone(zone) && zone) {
              go(v.zones.filter((z) => z !== zone).concat([zone]));
            } else {
              zoneError.textContent = 'No such zone: ' + zone;
            }
          }}, 'Add'), zoneError));
}

/**
 * @param {?} s the schedule
 * @param {!View} v
 * @param {{from: number, to: number}} r
 * @param {function(!Block)} pick
 * @return {!Element}
 */
function chart(s, v, r, pick) {
  const span = r.to - r.from;
  /** @param {number} ms */
  const pct = (ms) => (Math.min(Math.max(ms, r.from), r.to) - r.from) / span * 100;
  const first = v.zones[0];
  /** @param {!Block} b */
  const describe = (b) => b.text + ', ' + v.zones.map((z) => dayAndTime(b.start, z) + ' to ' + dayAndTime(b.end, z) + ' ' + z).join('; ');
  /**
   * @param {string} title
   * @param {!Array<!Block>} blocks
   * @param {string} id
   */
  const row = (title, blocks, id) => h('div', {class: 'chart-row', id: id, role: 'listitem'},
      h('span', {class: 'chart-label'}, title),
      h('div', {class: 'chart-track'}, blocks.length ? blocks.map((b) => {
        const attrs = {class: 'block block-' + b.kind, title: describe(b), 'aria-label': describe(b),
          'data-start': new Date(b.start).toISOString(), 'data-end': new Date(b.end).toISOString()};
        return place(b.kind === 'gap' ? h('div', attrs, b.text) :
          h('button', Object.assign(attrs, {type: 'button', onclick: () => pick(b)}), b.text), pct(b.start), pct(b.end) - pct(b.start));
      }) : h('span', {class: 'muted chart-empty'}, 'nothing in this range')));
  /** @type {!Array<!Block>} */
  const final = s['timeline']['segments'].map((/** ? */ g) => block(g['start'], g['end'], names(g['users']), 'segment',
      g['users'].length === 1 ? g['users'][0] : null)).concat(s['timeline']['gaps'].map((/** ? */ g) =>
    block(g['start'], g['end'], 'nobody on call', 'gap', null)));
  const shifts = /** @type {!Array<?>} */ (s['shifts']['edges'].map((/** ? */ e) => e['node']));
  const layers = /** @type {!Array<?>} */ (s['layers']).slice().reverse();
  return h('figure', {class: 'chart', id: 'schedule-chart'},
      h('figcaption', null, 'On call from ' + dayAndTime(r.from, first) + ' to ' + dayAndTime(r.to, first) + ' (' + first +
        '). Highest priority first; pick a shift to take it over or ask cover for it.'),
      v.zones.map((z) => axis(z, v.view, r, pct)),
      h('div', {role: 'list', 'aria-label': 'Rows of the chart'},
          row('Final', final, 'row-final'),
          layers.map((l) => row('Layer: ' + l['name'], shifts.filter((x) => x['source'] === 'ROTATION' && x['layer'] === l['name'])
              .map((x) => block(x['start'], x['end'], x['user']['name'], 'layer', x['user'])), 'row-layer-' + l['id'])),
          row('Overrides', s['overrides']['edges'].map((/** ? */ e) => block(e['node']['start'], e['node']['end'],
              e['node']['user']['name'], 'override', e['node']['user'])), 'row-overrides'),
          row('Cover', s['coverageRequests']['edges'].map((/** ? */ e) => e['node']).filter((/** ? */ c) => c['status'] !== 'CANCELLED')
              .map((/** ? */ c) => block(c['start'], c['end'], c['status'] === 'CLAIMED' ?
                (c['claimedBy'] ? c['claimedBy']['name'] : '?') + ' covers ' + c['requester']['name'] :
                c['requester']['name'] + ' asks cover', c['status'] === 'CLAIMED' ? 'cover' : 'cover-open', null)), 'row-cover')));
}

/**
 * @param {string} start
 * @param {string} end
 * @param {string} text
 * @param {string} kind
 * @param {?Person} user
 * @return {!Block}
 */
function block(start, end, text, kind, user) {
  return {start: Date.parse(start), end: Date.parse(end), text: text, kind: kind, title: text, user: user};
}

/**
 * Positions an element along the track. Through the CSSOM: the page's Content-Security-Policy
 * refuses `style` attributes.
 * @param {!HTMLElement} element
 * @param {number} left percent
 * @param {?number} width percent
 * @return {!HTMLElement}
 */
function place(element, left, width) {
  element.style.left = left + '%';
  if (width !== null) {
    element.style.width = width + '%';
  }
  return element;
}

/**
 * The zone's own ticks: its midnights (every 3 hours in a day view), labelled in its wall time.
 * @param {string} zone
 * @param {string} view
 * @param {{from: number, to: number}} r
 * @param {function(number): number} pct
 * @return {!Element}
 */
function axis(zone, view, r, pct) {
  const stepHours = view === 'day' ? 3 : view === 'week' ? 24 : 24 * 7;
  const startWall = wall(r.from, zone);
  let tick = Date.UTC(new Date(startWall).getUTCFullYear(), new Date(startWall).getUTCMonth(), new Date(startWall).getUTCDate());
  /** @type {!Array<!Element>} */
  const ticks = [];
  for (let i = 0; i < 64; i++, tick += stepHours * 3600000) {
    const at = instant(tick, zone);
    if (at >= r.to) {
      break;
    }
    if (at >= r.from) {
      const text = view === 'day' ? local(at, zone).substring(11) : dayAndTime(at, zone).replace(/ \d\d:\d\d$/, '').replace(/ \d{4}-/, ' ');
      ticks.push(place(h('span', {class: 'tick'}, text), pct(at), null));
    }
  }
  return h('div', {class: 'chart-row axis', 'aria-hidden': 'true'},
      h('span', {class: 'chart-label'}, zone, h('br'), h('small', {class: 'muted'}, offset(r.from, zone))),
      h('div', {class: 'chart-track'}, ticks));
}

/**
 * Every change of who is on call in the range, in each zone picked.
 * @param {?} s
 * @param {!View} v
 * @return {!Element}
 */
function handoffs(s, v) {
  const stretches = s['timeline']['segments'].map((/** ? */ g) => ({start: g['start'], end: g['end'], who: names(g['users']), gap: false}))
      .concat(s['timeline']['gaps'].map((/** ? */ g) => ({start: g['start'], end: g['end'], who: 'nobody on call', gap: true})))
      .sort((/** ? */ a, /** ? */ b) => Date.parse(a.start) - Date.parse(b.start));
  return h('section', {'aria-labelledby': 'handoffs-title'},
      h('h2', {id: 'handoffs-title'}, 'Handoffs'),
      h('div', {class: 'table-wrap'}, h('table', {id: 'handoffs'},
          h('caption', {class: 'visually-hidden'}, 'Who is on call from when, in each zone picked'),
          h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'On call'),
              v.zones.map((z) => h('th', {scope: 'col'}, 'From (' + z + ')')))),
          h('tbody', null, stretches.map((/** ? */ x) => h('tr', {class: x.gap ? 'gap-row' : null},
              h('td', {class: x.gap ? 'who gap' : 'who'}, x.who),
              v.zones.map((z) => h('td', {'data-zone': z},
                  h('time', {datetime: x.start}, dayAndTime(Date.parse(x.start), z)), ' ',
                  h('small', {class: 'muted'}, offset(Date.parse(x.start), z))))))))));
}

/**
 * @param {?} s
 * @return {!Element}
 */
function hours(s) {
  const rows = /** @type {!Array<?>} */ (s['hoursByUser']).slice().sort((a, b) => b['seconds'] - a['seconds']);
  return h('section', {'aria-labelledby': 'hours-title'},
      h('h2', {id: 'hours-title'}, 'Hours on call in this range'),
      rows.length ? h('table', {id: 'hours'},
          h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Person'), h('th', {scope: 'col'}, 'Hours'))),
          h('tbody', null, rows.map((x) => h('tr', null, h('td', null, x['user']['name']),
              h('td', {class: 'num'}, String(Math.round(x['seconds'] / 360) / 10)))))) :
        h('p', {class: 'muted'}, 'Nobody is on call in this range.'));
}

/**
 * @param {!Element} form
 * @param {!Block} b
 * @param {string} zone
 * @param {?Person} user
 */
function fill(form, b, zone, user) {
  const start = /** @type {?HTMLInputElement} */ (form.querySelector('[data-field="start"]'));
  const end = /** @type {?HTMLInputElement} */ (form.querySelector('[data-field="end"]'));
  const who = /** @type {?HTMLSelectElement} */ (form.querySelector('[data-field="userId"]'));
  if (start && end) {
    start.value = inputValue(b.start, zone);
    end.value = inputValue(b.end, zone);
  }
  if (who && user) {
    who.value = user.id;
  }
}

/**
 * Start and end inputs, read in `zone`.
 * @param {string} prefix
 * @param {string} zone
 * @return {!Array<!Element>}
 */
function period(prefix, zone) {
  return [
    h('label', {for: prefix + '-start'}, 'From (' + zone + ')'),
    h('input', {id: prefix + '-start', type: 'datetime-local', 'data-field': 'start', required: true}),
    h('label', {for: prefix + '-end'}, 'To (' + zone + ')'),
    h('input', {id: prefix + '-end', type: 'datetime-local', 'data-field': 'end', required: true}),
  ];
}

/**
 * @param {!Element} form
 * @param {string} field
 * @param {string} zone
 * @return {?string} the instant its datetime-local input names in `zone`
 */
function instantOf(form, field, zone) {
  const input = /** @type {!HTMLInputElement} */ (form.querySelector('[data-field="' + field + '"]'));
  return isNaN(input.valueAsNumber) ? null : new Date(instant(input.valueAsNumber, zone)).toISOString();
}

/**
 * @param {!App} app
 * @param {?} s
 * @param {!Array<!Person>} members
 * @param {string} zone
 * @param {!Element} notice
 * @param {function()} reload
 * @return {!Element}
 */
function overrideFormFor(app, s, members, zone, notice, reload) {
  const form = h('form', {id: 'override-form', class: 'stack', onsubmit: async (/** !Event */ e) => {
    e.preventDefault();
    clearErrors(form);
    const who = /** @type {!HTMLSelectElement} */ (form.querySelector('[data-field="userId"]')).value;
    /** @type {?} */
    let data;
    try {
      data = await gql(`mutation($input: CreateOverrideInput!) { createOverride(input: $input) {
        override { id user { name } start end } userErrors { field message } } }`, {'input': {'scheduleId': s['id'],
        'userId': who, 'start': instantOf(form, 'start', zone), 'end': instantOf(form, 'end', zone)}});
    } catch (err) {
      showErrors(form, [{field: 'form', message: String(/** @type {!Error} */ (err).message)}]);
      return;
    }
    const payload = data['createOverride'];
    if (payload['userErrors'].length) {
      showErrors(form, payload['userErrors']);
      return;
    }
    const o = payload['override'];
    notice.textContent = 'Override created: ' + o['user']['name'] + ' from ' + dayAndTime(Date.parse(o['start']), zone) +
      ' to ' + dayAndTime(Date.parse(o['end']), zone) + '.';
    reload();
  }},
  h('label', {for: 'override-user'}, 'Who'),
  h('select', {id: 'override-user', 'data-field': 'userId'}, members.map((m) =>
    h('option', {value: m.id, selected: !!app.me && m.id === app.me.id}, m.name))),
  describe(zone),
  period('override', zone),
  h('p', {class: 'form-error error', role: 'alert'}),
  h('button', {type: 'submit', id: 'override-submit'}, 'Create override'));
  return form;
}

/**
 * A phrase ("tomorrow 9am to 5pm") the server reads in `zone` (parseTimeRange) to fill the
 * form's From and To for the person to check: nothing is created until they press the form's
 * own button. What is not understood is shown on the phrase's field.
 * @param {string} zone
 * @return {!Element}
 */
function describe(zone) {
  const input = /** @type {!HTMLInputElement} */ (h('input', {id: 'override-phrase', 'data-field': 'phrase',
    autocomplete: 'off', maxlength: '200', placeholder: 'tomorrow 9am to 5pm'}));
  const said = h('p', {id: 'override-phrase-status', class: 'muted', role: 'status'});
  const run = async () => {
    const form = /** @type {!Element} */ (input.form);
    clearErrors(form);
    said.textContent = '';
    /** @type {?} */
    let data;
    try {
      data = await gql(`query($text: String!, $zone: String!) { parseTimeRange(text: $text, zone: $zone) {
        startLocal endLocal } }`, {'text': input.value, 'zone': zone});
    } catch (err) {
      showErrors(form, [{field: 'phrase', message: String(/** @type {!Error} */ (err).message)}]);
      return;
    }
    const r = data['parseTimeRange'];
    /** @type {!HTMLInputElement} */ (form.querySelector('[data-field="start"]')).value = r['startLocal'];
    /** @type {!HTMLInputElement} */ (form.querySelector('[data-field="end"]')).value = r['endLocal'];
    said.textContent = 'From and To now hold ' + r['startLocal'].replace('T', ' ') + ' to ' +
      r['endLocal'].replace('T', ' ') + ' (' + zone + '): check them, then create the override.';
  };
  input.addEventListener('keydown', (/** !Event */ e) => {
    if (/** @type {!KeyboardEvent} */ (e).key === 'Enter') {
      e.preventDefault();
      run();
    }
  });
  return h('div', {class: 'stack'},
      h('label', {for: 'override-phrase'}, 'Describe it (optional, read in ' + zone + ')'),
      input,
      h('button', {type: 'button', id: 'override-describe', onclick: run}, 'Fill From and To'),
      said);
}

/**
 * @param {?} s
 * @param {string} zone
 * @param {!Element} notice
 * @param {function()} reload
 * @return {!Element}
 */
function coverFormFor(s, zone, notice, reload) {
  const form = h('form', {id: 'cover-form', class: 'stack', onsubmit: async (/** !Event */ e) => {
    e.preventDefault();
    const reason = /** @type {!HTMLInputElement} */ (form.querySelector('[data-field="reason"]')).value;
    await submit(form, 'requestCoverage', 'RequestCoverageInput', 'coverageRequest { id }', {'scheduleId': s['id'],
      'start': instantOf(form, 'start', zone), 'end': instantOf(form, 'end', zone), 'reason': reason}, () => {
      notice.textContent = 'Cover requested.';
      reload();
    });
  }},
  period('cover', zone),
  h('label', {for: 'cover-reason'}, 'Reason'),
  h('input', {id: 'cover-reason', 'data-field': 'reason'}),
  h('p', {class: 'form-error error', role: 'alert'}),
  h('button', {type: 'submit'}, 'Request cover'));
  return form;
}

/**
 * Runs a mutation whose payload has userErrors; shows them on `form`'s fields.
 * @param {!Element} form
 * @param {string} name
 * @param {string} inputType
 * @param {string} fields
 * @param {!Object<string, ?>} input
 * @param {function(?)} done
 */
async function submit(form, name, inputType, fields, input, done) {
  clearErrors(form);
  /** @type {?} */
  let data;
  try {
    data = await gql('mutation($input: ' + inputType + '!) { ' + name + '(input: $input) { ' + fields +
      ' userErrors { field message } } }', {'input': input});
  } catch (err) {
    showErrors(form, [{field: 'form', message: String(/** @type {!Error} */ (err).message)}]);
    return;
  }
  const payload = data[name];
  if (payload['userErrors'].length) {
    showErrors(form, payload['userErrors']);
  } else {
    done(payload);
  }
}

/**
 * @param {?} s
 * @param {!Element} notice
 * @param {function()} reload
 * @return {!Element}
 */
function overridesList(s, notice, reload) {
  const items = /** @type {!Array<?>} */ (s['overrides']['edges'].map((/** ? */ e) => e['node']));
  return h('section', {'aria-labelledby': 'overrides-title'},
      h('h2', {id: 'overrides-title'}, 'Overrides in this range'),
      items.length ? h('ul', {class: 'plain', id: 'override-list'}, items.map((o) => h('li', null,
          o['user']['name'] + ': ' + dayAndTime(Date.parse(o['start']), browserZone()) + ' to ' +
          dayAndTime(Date.parse(o['end']), browserZone()) + ' (your zone) ',
          h('button', {type: 'button', onclick: () => action('deleteOverride', 'DeleteOverrideInput', 'deletedId', {'id': o['id']},
            notice, 'Override deleted.', reload)}, 'Delete')))) :
        h('p', {class: 'muted'}, 'None.'));
}

/**
 * @param {!App} app
 * @param {?} s
 * @param {!Element} notice
 * @param {function()} reload
 * @return {!Element}
 */
function coverList(app, s, notice, reload) {
  const items = /** @type {!Array<?>} */ (s['coverageRequests']['edges'].map((/** ? */ e) => e['node']));
  const zone = browserZone();
  return h('section', {'aria-labelledby': 'cover-list-title'},
      h('h2', {id: 'cover-list-title'}, 'Cover requests in this range'),
      items.length ? h('ul', {class: 'plain', id: 'cover-list'}, items.map((c) => h('li', {'data-status': c['status']},
          c['requester']['name'] + ' asks cover ' + dayAndTime(Date.parse(c['start']), zone) + ' to ' +
          dayAndTime(Date.parse(c['end']), zone) + (c['reason'] ? ' (' + c['reason'] + ')' : '') + ': ',
          h('strong', null, c['status'] === 'CLAIMED' ? 'covered by ' + (c['claimedBy'] ? c['claimedBy']['name'] : '?') :
            c['status'].toLowerCase()), ' ',
          c['status'] === 'OPEN' && !(app.me && app.me.id === c['requester']['id']) ?
            h('button', {type: 'button', class: 'claim', onclick: () => action('claimCoverage', 'ClaimCoverageInput',
              'coverageRequest { id }', {'id': c['id']}, notice, 'You cover it now.', reload)}, 'Claim') : null,
          c['status'] === 'OPEN' ? h('button', {type: 'button', onclick: () => action('cancelCoverage', 'CancelCoverageInput',
            'coverageRequest { id }', {'id': c['id']}, notice, 'Cover request cancelled.', reload)}, 'Cancel') : null))) :
        h('p', {class: 'muted'}, 'None.'));
}

/**
 * A one-click mutation; what happened goes to the status line.
 * @param {string} name
 * @param {string} inputType
 * @param {string} fields
 * @param {!Object<string, ?>} input
 * @param {!Element} notice
 * @param {string} success
 * @param {function()} reload
 */
async function action(name, inputType, fields, input, notice, success, reload) {
  try {
    const data = await gql('mutation($input: ' + inputType + '!) { ' + name + '(input: $input) { ' + fields +
      ' userErrors { field message } } }', {'input': input});
    const errors = /** @type {!Array<{field: string, message: string}>} */ (data[name]['userErrors']);
    notice.textContent = errors.length ? 'Refused: ' + errors.map((e) => e.message).join('; ') : success;
    if (!errors.length) {
      reload();
    }
  } catch (err) {
    notice.textContent = String(/** @type {!Error} */ (err).message);
  }
}

/**
 * @param {?} s
 * @param {!Array<!Person>} members
 * @param {!Element} notice
 * @param {function()} reload
 * @return {!Element}
 */
function layersSection(s, members, notice, reload) {
  const canEdit = ['MANAGER', 'ADMIN'].includes(s['team']['myRole']);
  return h('section', {'aria-labelledby': 'layers-title', id: 'layers'},
      h('h2', {id: 'layers-title'}, 'Layers (highest priority first)'),
      canEdit ? null : h('p', {class: 'muted'}, 'Managers edit layers; you can read them.'),
      /** @type {!Array<?>} */ (s['layers']).slice().reverse().map((l) => layerForm(s, l, members, canEdit, notice, reload)),
      canEdit ? h('details', {class: 'layer-new'}, h('summary', null, 'Add a layer'),
          layerForm(s, null, members, true, notice, reload)) : null);
}

/**
 * A layer's editor. Each field names its path in LayerInput (data-field) so the API's errors land on it.
 * @param {?} s
 * @param {?} layer null for a new one
 * @param {!Array<!Person>} members
 * @param {boolean} canEdit
 * @param {!Element} notice
 * @param {function()} reload
 * @return {!Element}
 */
function layerForm(s, layer, members, canEdit, notice, reload) {
  const key = layer ? layer['id'] : 'new';
  /**
   * @param {string} field
   * @param {string} text
   * @param {!Element} input
   * @return {!Element}
   */
  const labelled = (field, text, input) => {
    const id = 'layer-' + key + '-' + field.replace(/[^a-zA-Z0-9]/g, '-');
    input.id = id;
    input.setAttribute('data-field', 'layer.' + field);
    return h('div', {class: 'field'}, h('label', {for: id}, text), input);
  };
  const rotation = layer ? layer['rotation'] : {'type': 'WEEKLY', 'length': 1, 'period': 'P7D'};
  const participants = layer ? /** @type {!Array<!Person>} */ (layer['participants']) : [];
  const restrictions = h('div', {class: 'restrictions'});
  /** @param {?} r */
  const addRestriction = (r) => {
    const row = h('div', {class: 'restriction'},
        h('select', {'aria-label': 'Kind', class: 'r-type'}, ['DAILY', 'WEEKLY'].map((t) => h('option', {value: t, selected: r && r['type'] === t}, t.toLowerCase()))),
        h('select', {'aria-label': 'Start day (weekly)', class: 'r-startDay'}, h('option', {value: ''}, '—'),
            DAYS.map((d) => h('option', {value: d, selected: r && r['startDay'] === d}, d.substring(0, 3).toLowerCase()))),
        h('input', {'aria-label': 'Start time', class: 'r-start', type: 'time', value: r ? r['start'] : '09:00'}),
        h('select', {'aria-label': 'End day (weekly)', class: 'r-endDay'}, h('option', {value: ''}, '—'),
            DAYS.map((d) => h('option', {value: d, selected: r && r['endDay'] === d}, d.substring(0, 3).toLowerCase()))),
        h('input', {'aria-label': 'End time', class: 'r-end', type: 'time', value: r ? r['end'] : '17:00'}));
    row.appendChild(h('button', {type: 'button', onclick: () => {
      row.remove();
      number();
    }}, 'Remove'));
    restrictions.appendChild(row);
    number();
  };
  // Field paths follow the rows' order, which removing one changes.
  const number = () => Array.from(restrictions.children).forEach((row, i) => {
    for (const part of ['type', 'startDay', 'start', 'endDay', 'end']) {
      /** @type {!Element} */ (row.querySelector('.r-' + part)).setAttribute('data-field', 'layer.restrictions[' + i + '].' + part);
    }
  });
  (layer ? /** @type {!Array<?>} */ (layer['restrictions']) : []).forEach(addRestriction);
  const order = participants.concat(members.filter((m) => !participants.some((p) => p.id === m.id)));
  const form = h('form', {class: 'layer-form', id: 'layer-form-' + key, 'aria-label': layer ? 'Layer ' + layer['name'] : 'New layer',
    onsubmit: async (/** !Event */ e) => {
      e.preventDefault();
      /** @param {string} field */
      const value = (field) => /** @type {!HTMLInputElement} */ (form.querySelector('[data-field="layer.' + field + '"]')).value;
      const type = value('rotation.type');
      const input = {'name': value('name'), 'start': value('start'), 'end': value('end') || null,
        'rotation': type === 'CUSTOM' ? {'type': type, 'period': value('rotation.period')} :
          {'type': type, 'length': value('rotation.length') === '' ? null : Number(value('rotation.length'))},
        'participants': Array.from(form.querySelectorAll('.participant:checked')).map((c) => /** @type {!HTMLInputElement} */ (c).value),
        'usersPerShift': Number(value('usersPerShift')),
        'restrictions': Array.from(restrictions.children).map((row) => {
          /** @param {string} part */
          const get = (part) => /** @type {!HTMLInputElement} */ (row.querySelector('.r-' + part)).value || null;
          return {'type': get('type'), 'startDay': get('startDay'), 'start': get('start') || '', 'endDay': get('endDay'), 'end': get('end') || ''};
        })};
      const after = () => {
        notice.textContent = layer ? 'Layer saved.' : 'Layer added.';
        reload();
      };
      if (layer) {
        await submit(form, 'updateLayer', 'UpdateLayerInput', 'layer { id }', {'id': layer['id'], 'version': s['version'], 'layer': input}, after);
      } else {
        await submit(form, 'addLayer', 'AddLayerInput', 'layer { id }', {'scheduleId': s['id'], 'version': s['version'], 'layer': input}, after);
      }
    }},
  h('fieldset', {disabled: !canEdit},
      h('legend', null, layer ? layer['name'] : 'New layer'),
      h('div', {class: 'field-grid'},
          labelled('name', 'Name', h('input', {value: layer ? layer['name'] : '', required: true})),
          labelled('start', 'First handoff (' + s['timezone'] + ', e.g. 2026-03-02T09:00)', h('input', {value: layer ? layer['start'] : ''})),
          labelled('end', 'Ends (empty: never)', h('input', {value: layer && layer['end'] ? layer['end'] : ''})),
          labelled('rotation.type', 'Rotation', h('select', null, ROTATIONS.map((t) => h('option', {value: t, selected: rotation['type'] === t}, t.toLowerCase())))),
          labelled('rotation.length', 'Length (shifts of that unit)', h('input', {type: 'number', value: rotation['length'] === null ? '' : String(rotation['length'])})),
          labelled('rotation.period', 'Period (custom, e.g. PT12H)', h('input', {value: rotation['period'] || ''})),
          labelled('usersPerShift', 'People per shift', h('input', {type: 'number', min: 1, value: layer ? String(layer['usersPerShift']) : '1'}))),
      h('fieldset', {class: 'participants', 'data-field': 'layer.participants', tabindex: '-1'},
          h('legend', null, 'Participants (in rotation order)'),
          order.map((m) => h('label', null, h('input', {type: 'checkbox', class: 'participant', value: m.id,
            checked: participants.some((p) => p.id === m.id)}), ' ' + m.name))),
      h('fieldset', {class: 'restrictions-box'},
          h('legend', null, 'Only on during (empty: always)'),
          restrictions,
          h('button', {type: 'button', onclick: () => addRestriction(null)}, 'Add a window')),
      h('p', {class: 'form-error error', role: 'alert'}),
      canEdit ? h('button', {type: 'submit', class: 'layer-save'}, layer ? 'Save layer' : 'Add layer') : null));
  return form;
}
