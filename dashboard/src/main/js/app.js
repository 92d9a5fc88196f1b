/**
 * @fileoverview What every screen shares: the signed-in person, their teams, the team shown,
 * that team's live feed, and the place a screen draws in.
 */
import {mount} from './dom.js';
import {IncidentFeed, FeedState} from './live.js';
import {Person, Team, IncidentUpdate} from './types.js';

export class App {
  /**
   * @param {!HTMLElement} main
   * @param {?Person} me null for a team automation token
   * @param {!Array<!Team>} teams
   * @param {string} teamId
   * @param {function(!FeedState)} showState
   */
  constructor(main, me, teams, teamId, showState) {
    /** @const */ this.main = main;
    /** @const */ this.me = me;
    /** @const */ this.teams = teams;
    /** @type {string} */ this.teamId = teamId;
    /** @const */ this.showState = showState;
    /** @type {function(!IncidentUpdate)} the screen's reaction to an event */
    this.onUpdate = () => {};
    /** @type {function()} the screen reloads: the feed (re)started without a cursor */
    this.onResync = () => {};
    /** @type {?IncidentFeed} */ this.feed = null;
    /** @type {!FeedState} */ this.state = FeedState.CONNECTING;
    /** @type {number} counts screens, so an answer for a screen left meanwhile draws nothing */
    this.screen = 0;
    this.follow(teamId);
  }

  /**
   * Shows another team: its feed replaces the last one.
   * @param {string} teamId
   */
  follow(teamId) {
    if (this.feed) {
      this.feed.stop();
    }
    this.teamId = teamId;
    this.feed = new IncidentFeed(teamId, (update) => this.onUpdate(update), (state, resumed) => {
      this.state = state;
      this.showState(state);
      if (state === FeedState.LIVE && !resumed) {
        this.onResync();
      }
    });
    this.feed.start();
  }

  /** A new screen: forget the last one's reactions. */
  reset() {
    this.screen++;
    this.onUpdate = () => {};
    this.onResync = () => {};
  }

  /**
   * Draws in the main area unless the person has moved to another screen since `screen`.
   * @param {number} screen the screen's number when it started loading
   * @param {...?} children
   */
  draw(screen, ...children) {
    if (screen === this.screen) {
      mount(this.main, ...children);
    }
  }

  stop() {
    if (this.feed) {
      this.feed.stop();
    }
  }

  /** @return {!Team} */
  team() {
    return this.teams.find((t) => t.id === this.teamId) || this.teams[0];
  }
}

/**
 * Calls `fn` once, `ms` after the last of a burst of calls.
 * @param {number} ms
 * @param {function()} fn
 * @return {function()}
 */
export function debounce(ms, fn) {
  /** @type {?number} */
  let timer = null;
  return () => {
    if (timer !== null) {
      clearTimeout(timer);
    }
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
}
