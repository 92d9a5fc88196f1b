/**
 * @fileoverview The live incident list: loaded once, then kept current by the team's
 * incidentUpdates feed (each event refreshes its incident), filtered by status, service and
 * urgency, with commands per incident and in bulk on the selected ones.
 */
import {App, debounce} from './app.js';
import {Command, VERB, askForNote, askForPeople, run} from './actions.js';
import {gql} from './api.js';
import {h, mount} from './dom.js';
import {label, names, relative} from './format.js';
import {INCIDENT_FIELDS, Incident, IncidentUpdate} from './types.js';

const STATUSES = ['TRIGGERED', 'ACKNOWLEDGED', 'RESOLVED'];
/** The most the API lists at once (a page of incidents costs about 700 of the 50000 query cost). */
const PAGE = 100;
/** The most the list shows: past this, the newest ones and a word that there are more. */
export const MOST = 2000;

/** @param {!App} app */
export function renderIncidents(app) {
  new IncidentList(app).show();
}

/**
 * A keyboard user's place survives a row being redrawn: the control of the same kind in the new
 * row takes the focus.
 * @param {!Element} old
 * @param {!Element} fresh
 */
function keepFocus(old, fresh) {
  const focused = document.activeElement;
  if (focused && old.contains(focused) && focused.className) {
    const same = fresh.querySelector('.' + focused.className.split(' ')[0]);
    if (same) {
      setTimeout(() => /** @type {!HTMLElement} */ (same).focus(), 0);
    }
  }
}

class IncidentList {
  /** @param {!App} app */
  constructor(app) {
    /** @const */ this.app = app;
    /** @const {!Map<string, !Incident>} */ this.incidents = new Map();
    /** @const {!Set<string>} */ this.selected = new Set();
    /** @const {!Set<string>} */ this.statuses = new Set(['TRIGGERED', 'ACKNOWLEDGED']);
    /** @type {string} */ this.serviceId = '';
    /** @type {string} */ this.urgency = '';
    /** @const {!Set<string>} incidents with events not yet fetched */ this.pending = new Set();
    /** @const */ this.rows = /** @type {!HTMLTableSectionElement} */ (h('tbody', {id: 'incident-rows'}));
    /** @const */ this.notice = h('p', {id: 'notice', role: 'status', class: 'notice'});
    /** @const */ this.count = h('p', {id: 'incident-count', class: 'muted'});
    /** @const */ this.all = /** @type {!HTMLInputElement} */ (h('input', {type: 'checkbox', id: 'select-all',
      'aria-label': 'Select all incidents shown', onchange: () => this.selectAll(this.all.checked)}));
    /** @const */ this.service = /** @type {!HTMLSelectElement} */ (h('select', {id: 'filter-service',
      onchange: () => {
        this.serviceId = this.service.value;
        this.load();
      }}, h('option', {value: ''}, 'All services')));
    /** @const {!Array<!HTMLButtonElement>} */ this.bulk = [];
    /** @type {?Array<{id: string, name: string}>} the team's members, once asked */ this.people = null;
    /** @const */ this.fetchPending = debounce(50, () => this.refresh());
    /** @const the screen this list belongs to: paging stops when the person leaves it */
    this.screen = app.screen;
    /** @type {number} counts loads, so the pages of a load that was started again are dropped */
    this.loading = 0;
    /** @type {boolean} whether the last load stopped at MOST with more left */
    this.more = false;
    /** @type {boolean} whether more pages are on their way */
    this.paging = false;
    /**
     * Incidents the feed took out of the list while pages were still coming, with the version it
     * saw: an older copy on a later page does not bring them back.
     * @const {!Map<string, string>}
     */
    this.gone = new Map();
  }

  show() {
    this.app.onUpdate = (/** !IncidentUpdate */ u) => {
      this.pending.add(u.event.incidentId);
      this.fetchPending();
    };
    this.app.onResync = () => this.load();
    const urgency = /** @type {!HTMLSelectElement} */ (h('select', {id: 'filter-urgency', onchange: () => {
      this.urgency = urgency.value;
      this.load();
    }}, h('option', {value: ''}, 'Any urgency'), h('option', {value: 'HIGH'}, 'High'), h('option', {value: 'LOW'}, 'Low')));
    for (const command of [Command.ACKNOWLEDGE, Command.RESOLVE, Command.ESCALATE, Command.REASSIGN, Command.ADD_NOTE]) {
      this.bulk.push(/** @type {!HTMLButtonElement} */ (h('button', {type: 'button', disabled: true,
        class: 'bulk-' + command, onclick: () => this.command(command, [...this.selected])},
      VERB[command] + ' selected')));
    }
    mount(this.app.main,
        h('h1', null, 'Incidents'),
        h('form', {class: 'filters', 'aria-label': 'Filters', onsubmit: (/** !Event */ e) => e.preventDefault()},
            h('fieldset', null, h('legend', null, 'Status'), STATUSES.map((s) => h('label', null,
                h('input', {type: 'checkbox', value: s, checked: this.statuses.has(s), class: 'filter-status',
                  onchange: (/** !Event */ e) => {
                    const box = /** @type {!HTMLInputElement} */ (e.target);
                    box.checked ? this.statuses.add(s) : this.statuses.delete(s);
                    this.load();
                  }}), ' ' + label(s)))),
            h('label', null, 'Service ', this.service),
            h('label', null, 'Urgency ', urgency)),
        h('div', {class: 'bulk', role: 'toolbar', 'aria-label': 'Commands on the selected incidents'}, this.bulk),
        this.notice,
        h('div', {class: 'table-wrap'}, h('table', {class: 'incidents', id: 'incident-table'},
            h('caption', {class: 'visually-hidden'}, 'Incidents, newest first'),
            h('thead', null, h('tr', null,
                h('th', {scope: 'col'}, this.all), h('th', {scope: 'col'}, 'Incident'), h('th', {scope: 'col'}, 'Status'),
                h('th', {scope: 'col'}, 'Urgency'), h('th', {scope: 'col'}, 'Service'), h('th', {scope: 'col'}, 'Assignees'),
                h('th', {scope: 'col'}, 'Opened'), h('th', {scope: 'col'}, 'Commands'))),
            this.rows)),
        this.count);
    this.loadServices();
    this.load();
  }

  async loadServices() {
    try {
      const data = await gql('query($id: ID!) { team(id: $id) { services(first: 100) { edges { node { id name } } } } }',
          {'id': this.app.teamId});
      for (const e of data['team']['services']['edges']) {
        this.service.appendChild(h('option', {value: e['node']['id']}, e['node']['name']));
      }
    } catch (e) {
      this.say(String(/** @type {!Error} */ (e).message));
    }
  }

  /**
   * The whole list again, from the API, page after page (drawn as each arrives), up to MOST: at
   * start, on a filter change, after a feed restart.
   */
  async load() {
    const load = ++this.loading;
    /** @type {!Object<string, ?>} */
    const filter = {'status': [...this.statuses]};
    if (this.serviceId) {
      filter['serviceId'] = this.serviceId;
    }
    if (this.urgency) {
      filter['urgency'] = this.urgency;
    }
    /** @type {?string} */
    let after = null;
    let seen = 0;
    try {
      do {
        const data = await gql(`query($team: ID, $filter: IncidentFilter, $after: String) {
          incidents(teamId: $team, filter: $filter, first: ${PAGE}, after: $after) {
            edges { node { ${INCIDENT_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
        {'team': this.app.teamId, 'filter': filter, 'after': after});
        if (load !== this.loading || this.screen !== this.app.screen) {
          return;
        }
        if (after === null) {
          this.incidents.clear();
          this.gone.clear();
        }
        for (const e of data['incidents']['edges']) {
          this.take(/** @type {!Incident} */ (e['node']));
        }
        seen += data['incidents']['edges'].length;
        const page = data['incidents']['pageInfo'];
        after = page['hasNextPage'] && page['endCursor'] ? String(page['endCursor']) : null;
        this.more = after !== null && seen >= MOST;
        this.paging = after !== null && !this.more;
        this.draw();
      } while (this.paging);
    } catch (e) {
      if (load === this.loading) {
        this.paging = false;
      }
      this.say(String(/** @type {!Error} */ (e).message));
    }
  }

  /**
   * A listed incident, unless the feed already brought a newer copy or took it out.
   * @param {!Incident} incident
   */
  take(incident) {
    const known = this.incidents.get(incident.id);
    const newest = known ? known.updatedAt : this.gone.get(incident.id);
    if (!newest || Date.parse(newest) < Date.parse(incident.updatedAt)) {
      this.incidents.set(incident.id, incident);
    }
  }

  /** Fetches the incidents that had events, all in one request. */
  async refresh() {
    const ids = [...this.pending];
    this.pending.clear();
    if (!ids.length) {
      return;
    }
    try {
      const data = await gql('query(' + ids.map((id, n) => '$i' + n + ': ID!').join(', ') + ') { ' +
        ids.map((id, n) => 'i' + n + ': incident(id: $i' + n + ') { ' + INCIDENT_FIELDS + ' }').join('\n') + ' }',
      Object.fromEntries(ids.map((id, n) => ['i' + n, id])));
      ids.forEach((id, n) => {
        const incident = /** @type {?Incident} */ (data['i' + n]);
        if (incident) {
          this.upsert(incident);
        } else {
          this.incidents.delete(id);
          this.gone.set(id, new Date().toISOString());
        }
      });
      this.draw();
    } catch (e) {
      // Not lost: asked again until the server answers.
      ids.forEach((id) => this.pending.add(id));
      this.say(String(/** @type {!Error} */ (e).message));
      setTimeout(() => this.fetchPending(), 1000);
    }
  }

  /** @param {!Incident} incident */
  upsert(incident) {
    if (this.matches(incident)) {
      this.incidents.set(incident.id, incident);
    } else {
      this.incidents.delete(incident.id);
      this.selected.delete(incident.id);
      this.gone.set(incident.id, incident.updatedAt);
    }
  }

  /**
   * @param {!Incident} incident
   * @return {boolean}
   */
  matches(incident) {
    return incident.team.id === this.app.teamId &&
      (!this.statuses.size || this.statuses.has(incident.status)) &&
      (!this.serviceId || incident.service.id === this.serviceId) &&
      (!this.urgency || incident.urgency === this.urgency);
  }

  /** Brings the table in line with the list, keeping rows (and focus) that did not change. */
  draw() {
    const loading = this.paging;
    const now = Date.now();
    const ordered = [...this.incidents.values()].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    /** @type {!Map<string, !Element>} */
    const existing = new Map();
    for (const row of [...this.rows.children]) {
      existing.set(row.getAttribute('data-incident-id') || '', row);
    }
    /** @type {?Node} */
    let cursor = this.rows.firstChild;
    for (const incident of ordered) {
      const signature = incident.updatedAt + incident.status + names(incident.assignees) + this.selected.has(incident.id);
      let row = existing.get(incident.id);
      existing.delete(incident.id);
      if (!row || row.getAttribute('data-signature') !== signature) {
        const fresh = this.row(incident, now);
        fresh.setAttribute('data-signature', signature);
        if (row) {
          keepFocus(row, fresh);
          row.replaceWith(fresh);
          if (cursor === row) {
            cursor = fresh;
          }
        }
        row = fresh;
      }
      if (row !== cursor) {
        this.rows.insertBefore(row, cursor);
      } else {
        cursor = cursor.nextSibling;
      }
    }
    existing.forEach((row) => row.remove());
    for (const id of [...this.selected]) {
      if (!this.incidents.has(id)) {
        this.selected.delete(id);
      }
    }
    const n = ordered.length.toLocaleString('en');
    this.count.textContent = !ordered.length ? (loading ? 'Loading…' : 'No incident matches these filters.') :
      this.more ? 'Showing the newest ' + n + ' incidents of more: narrow the filters to see the others.' :
      n + ' incident' + (ordered.length === 1 ? '' : 's') + (loading ? ', loading more…' : '');
    this.count.setAttribute('aria-busy', String(loading));
    this.syncSelection();
  }

  /**
   * @param {!Incident} incident
   * @param {number} now
   * @return {!Element}
   */
  row(incident, now) {
    const open = incident.status !== 'RESOLVED';
    /** @type {!Array<!Command>} */
    const commands = [];
    if (incident.status === 'TRIGGERED') {
      commands.push(Command.ACKNOWLEDGE);
    }
    if (open) {
      commands.push(Command.RESOLVE, Command.ESCALATE, Command.REASSIGN);
    }
    commands.push(Command.ADD_NOTE);
    return h('tr', {'data-incident-id': incident.id, class: 'status-' + incident.status.toLowerCase()},
        h('td', null, h('input', {type: 'checkbox', class: 'select', checked: this.selected.has(incident.id),
          'aria-label': 'Select ' + incident.title, onchange: (/** !Event */ e) => {
            /** @type {!HTMLInputElement} */ (e.target).checked ? this.selected.add(incident.id) :
              this.selected.delete(incident.id);
            this.syncSelection();
          }})),
        h('td', {class: 'title'}, h('a', {href: '#/incidents/' + incident.id}, incident.title)),
        h('td', null, h('span', {class: 'badge status-' + incident.status.toLowerCase()}, label(incident.status)),
            incident.exhausted ? h('span', {class: 'badge exhausted'}, 'Exhausted') : null),
        h('td', null, label(incident.urgency)),
        h('td', null, incident.service.name),
        h('td', null, names(incident.assignees)),
        h('td', null, h('time', {datetime: incident.createdAt}, relative(incident.createdAt, now))),
        h('td', {class: 'commands'}, commands.map((c) => h('button', {type: 'button', class: 'act-' + c,
          'aria-label': VERB[c] + ': ' + incident.title, onclick: () => this.command(c, [incident.id])}, VERB[c]))));
  }

  /** @param {boolean} on */
  selectAll(on) {
    this.selected.clear();
    if (on) {
      this.incidents.forEach((i) => this.selected.add(i.id));
    }
    for (const box of this.rows.querySelectorAll('input.select')) {
      /** @type {!HTMLInputElement} */ (box).checked = on;
    }
    this.syncSelection();
  }

  syncSelection() {
    const n = this.selected.size;
    this.all.checked = n > 0 && n === this.incidents.size;
    this.all.indeterminate = n > 0 && n < this.incidents.size;
    this.bulk.forEach((b) => b.disabled = n === 0);
  }

  /**
   * @param {!Command} command
   * @param {!Array<string>} ids
   */
  async command(command, ids) {
    if (!ids.length) {
      return;
    }
    let note = '';
    if (command === Command.ADD_NOTE) {
      const text = await askForNote(ids.length === 1 ? (this.incidents.get(ids[0]) || {title: 'the incident'}).title :
        ids.length + ' incidents');
      if (!text) {
        return;
      }
      note = text;
    }
    /** @type {!Array<string>} */
    let userIds = [];
    if (command === Command.REASSIGN) {
      const people = await askForPeople(ids.length === 1 ? 'the incident' : ids.length + ' incidents', await this.members());
      if (!people) {
        return;
      }
      userIds = people;
    }
    try {
      const result = await run(command, ids, note, userIds);
      result.incidents.forEach((i) => this.upsert(i));
      this.draw();
      this.say(result.message);
    } catch (e) {
      this.say(String(/** @type {!Error} */ (e).message));
    }
  }

  /**
   * The team's members, who may hold its incidents; asked once per screen.
   * @return {!Promise<!Array<{id: string, name: string}>>}
   */
  async members() {
    if (!this.people) {
      const data = await gql('query($id: ID!) { team(id: $id) { members(first: 100) { edges { node { user { id name } } } } } }',
          {'id': this.app.teamId});
      this.people = data['team']['members']['edges'].map((/** ? */ e) => ({id: e['node']['user']['id'],
        name: e['node']['user']['name']}));
    }
    return /** @type {!Array<{id: string, name: string}>} */ (this.people);
  }

  /** @param {string} message */
  say(message) {
    this.notice.textContent = message;
  }
}
