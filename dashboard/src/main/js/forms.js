/**
 * @fileoverview What the edit screens share: labelled fields that show the API's userErrors on
 * the field they name (aria-invalid, aria-describedby), a copy button, and a screen's frame.
 */
import {App} from './app.js';
import {gql} from './api.js';
import {h} from './dom.js';
import {pathAndParents} from './fielderrors.js';

/** @typedef {{field: string, message: string}} */
export let UserError;

/**
 * A form's fields by the input path the API names them with (e.g. `input.steps[0].targets`).
 */
export class Fields {
  /** @param {string} prefix makes the element ids of this form unique on the page */
  constructor(prefix) {
    /** @const */ this.prefix = prefix;
    /** @const {!Map<string, {control: !HTMLElement, error: !HTMLElement}>} */
    this.byPath = new Map();
    /** @const {!HTMLElement} errors naming no field shown here, e.g. "input" */
    this.general = h('p', {id: prefix + '-errors', class: 'error', role: 'alert'});
  }

  /**
   * A label, the control and the place for its error, the control registered under `path`.
   * @param {string} path the API's input path, e.g. `input.name`
   * @param {string} text the label
   * @param {!HTMLElement} control an input, select or textarea
   * @return {!HTMLElement}
   */
  field(path, text, control) {
    const id = this.prefix + '-' + path.replace(/[^A-Za-z0-9]+/g, '-');
    control.id = id;
    const error = h('span', {id: id + '-error', class: 'error field-error'});
    this.byPath.set(path, {control: control, error: error});
    return h('div', {class: 'field'}, h('label', {for: id}, text), control, error);
  }

  /**
   * Registers a group (a fieldset) for errors about it as a whole; its error goes at its end.
   * @param {string} path
   * @param {!HTMLElement} group
   */
  register(path, group) {
    const id = this.prefix + '-' + path.replace(/[^A-Za-z0-9]+/g, '-');
    const error = h('span', {id: id + '-error', class: 'error field-error'});
    group.appendChild(error);
    this.byPath.set(path, {control: group, error: error});
  }

  /** Forgets errors shown before. */
  clear() {
    this.general.textContent = '';
    for (const {control, error} of this.byPath.values()) {
      control.removeAttribute('aria-invalid');
      control.removeAttribute('aria-describedby');
      error.textContent = '';
    }
  }

  /**
   * Shows each error on the field it names (or the nearest enclosing one registered, e.g.
   * `input.steps[0].targets[1].id` on `input.steps[0].targets[1]`), the rest above the button.
   * @param {!Array<!UserError>} errors
   * @return {boolean} whether there were any
   */
  show(errors) {
    this.clear();
    /** @type {!Array<string>} */
    const rest = [];
    let first = null;
    for (const e of errors) {
      const place = this.find(e.field);
      if (place) {
        place.control.setAttribute('aria-invalid', 'true');
        place.control.setAttribute('aria-describedby', place.error.id);
        place.error.textContent = (place.error.textContent ? place.error.textContent + '; ' : '') + e.message;
        first = first || place.control;
      } else {
        rest.push(e.field ? e.field + ': ' + e.message : e.message);
      }
    }
    this.general.textContent = rest.join('; ');
    if (first) {
      first.focus();
    }
    return errors.length > 0;
  }

  /**
   * @param {string} path
   * @return {?{control: !HTMLElement, error: !HTMLElement}}
   */
  find(path) {
    for (const p of pathAndParents(path)) {
      const place = this.byPath.get(p);
      if (place) {
        return place;
      }
    }
    return null;
  }
}

/**
 * Runs a mutation and shows its userErrors on `fields`; resolves to the payload when it had none.
 * @param {!Fields} fields
 * @param {string} name the mutation
 * @param {string} inputType
 * @param {string} selection
 * @param {!Object<string, ?>} input
 * @return {!Promise<?>}
 */
export async function mutate(fields, name, inputType, selection, input) {
  try {
    const payload = (await gql(`mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} userErrors { field message } } }`,
        {'input': input}))[name];
    return fields.show(/** @type {!Array<!UserError>} */ (payload['userErrors'])) ? null : payload;
  } catch (e) {
    fields.clear();
    fields.general.textContent = String(/** @type {!Error} */ (e).message);
    return null;
  }
}

/**
 * A button that copies `text` to the clipboard and says so in `status`.
 * @param {string} id
 * @param {string} what e.g. "Copy Alertmanager receiver"
 * @param {function(): string} text
 * @return {!HTMLElement}
 */
export function copyButton(id, what, text) {
  const said = h('span', {class: 'muted', role: 'status'});
  const button = h('button', {type: 'button', id: id, onclick: async () => {
    try {
      await navigator.clipboard.writeText(text());
      said.textContent = ' Copied.';
    } catch (e) {
      said.textContent = ' Select the text and copy it: the browser refused the clipboard.';
    }
  }}, what);
  return h('span', null, button, said);
}

/**
 * An error where the screen's content would be.
 * @param {!App} app
 * @param {number} screen
 * @param {string} title
 * @param {*} e
 */
export function drawError(app, screen, title, e) {
  app.draw(screen, h('h1', null, title), h('p', {class: 'error', role: 'alert'}, String(/** @type {!Error} */ (e).message)));
}

/**
 * The value of a text input, select or textarea.
 * @param {!HTMLElement} control
 * @return {string}
 */
export function valueOf(control) {
  return /** @type {!HTMLInputElement} */ (control).value;
}

/**
 * A select with these options.
 * @param {!Array<!Array<string>>} options [value, text] pairs
 * @param {string} selected
 * @return {!HTMLElement}
 */
export function select(options, selected) {
  return h('select', null, options.map(([v, t]) => h('option', {value: v, selected: v === selected}, t)));
}

/** @const {!Array<!Array<string>>} the team roles, lowest first */
export const ROLES = [['OBSERVER', 'Observer'], ['RESPONDER', 'Responder'], ['MANAGER', 'Manager'], ['ADMIN', 'Admin']];

/**
 * Whether the caller's role in the app's team is at least `role`.
 * @param {!App} app
 * @param {string} role
 * @return {boolean}
 */
export function atLeast(app, role) {
  const rank = (/** string */ r) => ROLES.findIndex((x) => x[0] === r);
  return rank(app.team().myRole) >= rank(role);
}
