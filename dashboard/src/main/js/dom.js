/**
 * @fileoverview The one rendering helper: h() builds real DOM elements (no virtual DOM, no
 * framework), so what the screen shows is what a screen reader and a test read.
 */

/**
 * A child of an element: text, a node, nothing (null, undefined, false), or a list of those.
 * @typedef {string|number|boolean|Node|null|undefined|!Array<?>}
 */
export let Child;

/**
 * An element with attributes and children. Attributes named on… are event listeners; `class`
 * is the class name; `checked`, `value`, `disabled`, `selected` and `open` are set as properties;
 * true sets an attribute empty, false, null and undefined leave it out.
 * @param {string} tag
 * @param {?Object<string, ?>=} attrs
 * @param {...Child} children
 * @return {!HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const element = /** @type {!HTMLElement} */ (document.createElement(tag));
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.substring(2).toLowerCase(), /** @type {function(!Event)} */ (value));
    } else if (name === 'class') {
      element.className = String(value);
    } else if (PROPERTIES.has(name)) {
      /** @type {!Object<string, ?>} */ (/** @type {?} */ (element))[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

const PROPERTIES = new Set(['checked', 'value', 'disabled', 'selected', 'open', 'indeterminate']);

/**
 * @param {!Node} parent
 * @param {Child} child
 */
function append(parent, child) {
  if (child === null || child === undefined || child === false || child === true) {
    return;
  }
  if (Array.isArray(child)) {
    child.forEach((c) => append(parent, c));
  } else if (child instanceof Node) {
    parent.appendChild(child);
  } else {
    parent.appendChild(document.createTextNode(String(child)));
  }
}

/**
 * Replaces everything inside `parent` with `children`.
 * @param {!Element} parent
 * @param {...Child} children
 */
export function mount(parent, ...children) {
  parent.textContent = '';
  append(parent, children);
}

/**
 * The element with this id, which the page is known to have.
 * @param {string} id
 * @return {!HTMLElement}
 */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error('no element #' + id);
  }
  return /** @type {!HTMLElement} */ (element);
}
