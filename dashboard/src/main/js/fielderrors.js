/**
 * @fileoverview A mutation's userErrors shown on the fields they name: each input carries
 * `data-field` with its path below `input.` (e.g. `layer.rotation.length`); an error marks it
 * aria-invalid and puts the message next to it (aria-describedby). An error naming no shown
 * field goes to the form's own alert line.
 */
import {h} from './dom.js';

let ids = 0;

/**
 * Clears the marks of a last attempt.
 * @param {!Element} form
 */
export function clearErrors(form) {
  for (const old of form.querySelectorAll('.field-error')) {
    old.remove();
  }
  for (const field of form.querySelectorAll('[aria-invalid]')) {
    field.removeAttribute('aria-invalid');
    field.removeAttribute('aria-describedby');
  }
  const general = form.querySelector('.form-error');
  if (general) {
    general.textContent = '';
  }
}

/**
 * @param {!Element} form
 * @param {!Array<{field: string, message: string}>} userErrors
 */
export function showErrors(form, userErrors) {
  clearErrors(form);
  /** @type {!Array<string>} */
  const unplaced = [];
  for (const error of userErrors) {
    const field = fieldFor(form, error.field.replace(/^input\./, ''));
    if (!field) {
      unplaced.push(error.field ? error.field + ': ' + error.message : error.message);
      continue;
    }
    const id = 'field-error-' + (++ids);
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', id);
    field.insertAdjacentElement('afterend', h('span', {id: id, class: 'field-error error'}, error.message));
  }
  const general = form.querySelector('.form-error');
  if (general) {
    general.textContent = unplaced.join('; ');
  }
  const first = form.querySelector('[aria-invalid="true"]');
  if (first) {
    /** @type {!HTMLElement} */ (first).focus();
  }
}

/**
 * A field's path and the paths that enclose it, nearest first: an error about
 * `steps[0].targets[1].id` belongs on that control, else on `steps[0].targets[1]`, and so on.
 * @param {string} path
 * @return {!Array<string>}
 */
export function pathAndParents(path) {
  /** @type {!Array<string>} */
  const out = [];
  for (let p = path; p;) {
    out.push(p);
    const shorter = p.replace(/(\.[^.[\]]*|\[\d+\])$/, '');
    if (shorter === p) {
      break;
    }
    p = shorter;
  }
  return out;
}

/**
 * The input for `path`, or for the nearest enclosing path that has one.
 * @param {!Element} form
 * @param {string} path
 * @return {?Element}
 */
function fieldFor(form, path) {
  for (const p of pathAndParents(path)) {
    const field = form.querySelector('[data-field="' + CSS.escape(p) + '"]');
    if (field) {
      return field;
    }
  }
  return null;
}
