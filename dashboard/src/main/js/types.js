/**
 * @fileoverview The shapes of the API's answers the dashboard reads (a subset of the SDL in
 * schema/src/main/resources/graphql). Only checked by the compiler; nothing here runs.
 */

/** @typedef {{id: string, name: string}} */
export let Person;

/**
 * @typedef {{id: string, title: string, status: string, urgency: string, createdAt: string,
 *   updatedAt: string, currentStep: ?number, exhausted: boolean, team: {id: string},
 *   service: {id: string, name: string}, assignees: !Array<!Person>}}
 */
export let Incident;

/**
 * @typedef {{seq: number, kind: string, code: string, channel: ?string, createdAt: string,
 *   data: !Object<string, ?>, actor: {type: string, id: string, user: ?Person}}}
 */
export let IncidentEvent;

/** @typedef {{cursor: string, event: {id: string, incidentId: string, seq: number, kind: string}}} */
export let IncidentUpdate;

/** @typedef {{start: string, end: string, users: !Array<!Person>}} */
export let Segment;

/** @typedef {{id: string, name: string, timezone: string, timeline: {segments: !Array<!Segment>}}} */
export let Schedule;

/** @typedef {{id: string, name: string, myRole: string}} */
export let Team;

/** The fields every incident row shows. */
export const INCIDENT_FIELDS = `id title status urgency createdAt updatedAt currentStep exhausted
  team { id } service { id name } assignees { id name }`;
