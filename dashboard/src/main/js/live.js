/**
 * @fileoverview The team's live incident events over graphql-transport-ws (incidentUpdates),
 * resumed with the cursor of the last update after any drop, so nothing is missed and nothing
 * comes twice. The state (connecting, live, reconnecting) is always reported: the page shows it
 * and is never silently stale.
 */
import {createClient} from './vendor/graphql-ws/client.mjs';
import {WS_PATH} from './api.js';
import {token} from './session.js';
import {IncidentUpdate} from './types.js';

const SUBSCRIPTION = `subscription($teamId: ID!, $after: String) {
  incidentUpdates(teamId: $teamId, after: $after) { cursor event { id incidentId seq kind } } }`;

/** A connection whose server stops answering pings is dropped after this long. */
const PONG_TIMEOUT_MS = 5000;
const KEEP_ALIVE_MS = 10000;
const MAX_BACKOFF_MS = 8000;

/** @enum {string} */
export const FeedState = {
  CONNECTING: 'connecting',
  LIVE: 'live',
  RECONNECTING: 'reconnecting',
};

/** One team's stream of incident events. */
export class IncidentFeed {
  /**
   * @param {string} teamId
   * @param {function(!IncidentUpdate)} onUpdate every event, once, in order
   * @param {function(!FeedState, boolean)} onState the state, and (when live) whether the stream
   *     resumed from a cursor; without one, events before it started may be missing, so the
   *     page reloads what it shows
   */
  constructor(teamId, onUpdate, onState) {
    /** @const */ this.teamId = teamId;
    /** @const */ this.onUpdate = onUpdate;
    /** @const */ this.onState = onState;
    /** @type {?string} */ this.cursor = null;
    /** @type {boolean} */ this.stopped = false;
    /** @type {number} */ this.backoff = 500;
    /** @type {?number} */ this.retryTimer = null;
    /** @type {?number} */ this.pongTimer = null;
    /** @type {?function()} */ this.unsubscribe = null;
    /** @type {boolean} */ this.resumed = false;
    const feed = this;
    this.client = createClient({
      url: (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + WS_PATH,
      lazy: true,
      // We resubscribe ourselves, with the latest cursor; the library would repeat the first one.
      retryAttempts: 0,
      keepAlive: KEEP_ALIVE_MS,
      connectionParams: () => ({'Authorization': 'Bearer ' + (token() || '')}),
      on: {
        'connected': () => {
          feed.backoff = 500;
          feed.onState(FeedState.LIVE, feed.resumed);
        },
        'ping': (/** boolean */ received) => {
          if (!received) {
            feed.pongTimer = setTimeout(() => feed.client.terminate(), PONG_TIMEOUT_MS);
          }
        },
        'pong': (/** boolean */ received) => {
          if (received && feed.pongTimer !== null) {
            clearTimeout(feed.pongTimer);
          }
        },
      },
    });
  }

  start() {
    this.onState(FeedState.CONNECTING, false);
    this.subscribe();
  }

  stop() {
    this.stopped = true;
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
    }
    if (this.unsubscribe) {
      this.unsubscribe();
    }
    this.client.dispose();
  }

  /** @private */
  subscribe() {
    this.resumed = this.cursor !== null;
    this.unsubscribe = this.client.subscribe(
        {query: SUBSCRIPTION, variables: {'teamId': this.teamId, 'after': this.cursor}},
        {
          next: (/** ? */ result) => {
            if (result['errors']) {
              // A cursor the server no longer accepts: start over from now, and reload.
              this.cursor = null;
              return;
            }
            const update = /** @type {!IncidentUpdate} */ (result['data']['incidentUpdates']);
            this.cursor = update.cursor;
            this.onUpdate(update);
          },
          error: (/** ? */ error) => {
            if (Array.isArray(error)) {
              this.cursor = null;
            }
            this.retry();
          },
          complete: () => this.retry(),
        });
  }

  /** @private */
  retry() {
    if (this.stopped) {
      return;
    }
    if (this.pongTimer !== null) {
      clearTimeout(this.pongTimer);
    }
    this.onState(FeedState.RECONNECTING, false);
    this.retryTimer = setTimeout(() => this.subscribe(), this.backoff);
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
  }
}
