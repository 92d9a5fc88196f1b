/**
 * @fileoverview Instants read in a named IANA zone, through Intl.DateTimeFormat with `timeZone`
 * only: no date parsing of our own and nothing taken from the machine's zone unless asked for
 * (`browserZone`). "Wall" times are the zone's wall-clock reading written as epoch milliseconds
 * as if it were UTC, which is what an `<input type=datetime-local>`'s valueAsNumber gives.
 */

/** @type {!Map<string, !Intl.DateTimeFormat>} */
const PARTS = new Map();

/**
 * @param {string} zone
 * @return {!Intl.DateTimeFormat}
 */
function partsFormat(zone) {
  let format = PARTS.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', /** @type {?} */ ({timeZone: zone, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'}));
    PARTS.set(zone, format);
  }
  return format;
}

/** @return {string} the viewer's own zone, the browser's */
export function browserZone() {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * @param {string} zone
 * @return {boolean} whether the browser knows this IANA zone
 */
export function knownZone(zone) {
  try {
    partsFormat(zone);
    return true;
  } catch (e) {
    return false;
  }
}

/**
 * @param {number} ms an instant
 * @param {string} zone
 * @return {number} the wall-clock reading in `zone`, as if UTC
 */
export function wall(ms, zone) {
  /** @type {!Object<string, number>} */
  const p = {};
  for (const part of /** @type {!Array<{type: string, value: string}>} */ (partsFormat(zone).formatToParts(new Date(ms)))) {
    p[part.type] = Number(part.value);
  }
  return Date.UTC(p['year'], p['month'] - 1, p['day'], p['hour'] % 24, p['minute'], p['second']);
}

/**
 * The instant at which `zone`'s clocks read `wallMs` (the later reading's instant when clocks
 * jump forward over it, the first when they fall back through it).
 * @param {number} wallMs
 * @param {string} zone
 * @return {number}
 */
export function instant(wallMs, zone) {
  const first = wall(wallMs, zone) - wallMs;
  const guess = wallMs - first;
  const second = wall(guess, zone) - guess;
  return first === second ? guess : wallMs - Math.max(first, second);
}

/**
 * @param {number} ms
 * @param {string} zone
 * @return {string} e.g. "2027-03-14 09:00", the zone's wall clock, unambiguous in any language
 */
export function local(ms, zone) {
  return new Date(wall(ms, zone)).toISOString().substring(0, 16).replace('T', ' ');
}

/**
 * @param {number} ms
 * @param {string} zone
 * @return {string} the value an `<input type=datetime-local>` shows for this instant in `zone`
 */
export function inputValue(ms, zone) {
  return local(ms, zone).replace(' ', 'T');
}

/** @type {!Map<string, !Intl.DateTimeFormat>} */
const WEEKDAYS = new Map();
/** @type {!Map<string, !Intl.DateTimeFormat>} */
const OFFSETS = new Map();

/**
 * @param {number} ms
 * @param {string} zone
 * @return {string} e.g. "Sun 2027-03-14 09:00", the weekday in the viewer's language
 */
export function dayAndTime(ms, zone) {
  let weekday = WEEKDAYS.get(zone);
  if (!weekday) {
    weekday = new Intl.DateTimeFormat(undefined, {timeZone: zone, weekday: 'short'});
    WEEKDAYS.set(zone, weekday);
  }
  return weekday.format(new Date(ms)) + ' ' + local(ms, zone);
}

/**
 * @param {number} ms
 * @param {string} zone
 * @return {string} the zone's offset then, e.g. "GMT+10:30"
 */
export function offset(ms, zone) {
  let format = OFFSETS.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', /** @type {?} */ ({timeZone: zone, timeZoneName: 'shortOffset'}));
    OFFSETS.set(zone, format);
  }
  const parts = /** @type {!Array<{type: string, value: string}>} */ (format.formatToParts(new Date(ms)));
  const name = parts.find((p) => p.type === 'timeZoneName');
  return name ? name.value : '';
}

/**
 * @param {string} date a calendar date, e.g. 2027-03-14
 * @return {number} its midnight as a wall time (NaN for no such date)
 */
export function wallDate(date) {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(date + 'T00:00:00Z') : NaN;
}

/**
 * @param {number} wallMs
 * @param {number} days
 * @param {number=} months
 * @return {number} the wall time that many calendar days and months later
 */
export function addCalendar(wallMs, days, months = 0) {
  const d = new Date(wallMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate() + days,
      d.getUTCHours(), d.getUTCMinutes());
}
