/**
 * @fileoverview Instants in words, in the viewer's own zone (the browser's).
 */

const WHEN = new Intl.DateTimeFormat(undefined, {
  weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
});
const PRECISE = new Intl.DateTimeFormat(undefined, {
  month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/**
 * @param {string} iso an instant from the API
 * @return {string} e.g. "Mon, Mar 2, 09:00"
 */
export function when(iso) {
  return WHEN.format(new Date(iso));
}

/**
 * @param {string} iso
 * @return {string} with seconds, for a timeline
 */
export function precise(iso) {
  return PRECISE.format(new Date(iso));
}

/**
 * @param {string} iso
 * @param {number} now epoch milliseconds
 * @return {string} e.g. "in 3 h 20 min", "5 min ago"
 */
export function relative(iso, now) {
  const minutes = Math.round((new Date(iso).getTime() - now) / 60000);
  if (minutes === 0) {
    return 'just now';
  }
  const span = duration(Math.abs(minutes));
  return minutes >= 0 ? 'in ' + span : span + ' ago';
}

/**
 * @param {number} minutes
 * @return {string}
 */
function duration(minutes) {
  if (minutes < 60) {
    return minutes + ' min';
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return hours + ' h' + (minutes % 60 ? ' ' + (minutes % 60) + ' min' : '');
  }
  return Math.floor(hours / 24) + ' d ' + (hours % 24) + ' h';
}

/**
 * @param {string} word an enum value, e.g. ACKNOWLEDGED
 * @return {string} e.g. "Acknowledged"
 */
export function label(word) {
  const text = word.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.substring(1);
}

/**
 * @param {!Array<{name: string}>} people
 * @return {string}
 */
export function names(people) {
  return people.length ? people.map((p) => p.name).join(', ') : 'nobody';
}

/** @const {!Object<string, string>} */
const CHANNELS = {
  'GRAPHQL': 'the dashboard or API', 'PUSH': 'push', 'SMS': 'SMS', 'VOICE': 'voice call', 'EMAIL': 'email',
  'SLACK': 'Slack', 'WEBHOOK': 'webhook', 'EVENTS_V2': 'the Events API', 'ALERTMANAGER': 'Alertmanager',
  'SYSTEM': 'Oncall',
};

/**
 * @param {string} channel a Channel (or a contact method type, any case)
 * @return {string} e.g. "SMS", "the Events API"
 */
export function channel(channel) {
  return CHANNELS[channel.toUpperCase()] || label(channel);
}
