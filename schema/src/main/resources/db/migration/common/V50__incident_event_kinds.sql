-- The kinds and channels an incident event may carry: exactly the codes of
-- dev.oncall.core.incident.IncidentEventKind and dev.oncall.core.incident.Channel (a test in
-- store compares these lists with the enums). A writer that spells a kind no reader knows is
-- refused here instead of breaking every reader of the incident and its team's stream.
--
-- A release that adds a kind widens this list in its own migration before any of its
-- processes writes the kind; readers of the release before it still serving meanwhile pass
-- such events on as UNKNOWN (see docs/api.md).
ALTER TABLE incident_events ADD CONSTRAINT incident_events_kind_check CHECK (kind IN (
    'triggered', 'deduplicated', 'step_fired', 'intent_created', 'acknowledged', 'resolved', 'escalated',
    'reassigned', 'note', 'exhausted', 'retriggered', 'notification_sent', 'notification_failed',
    'notification_delivered'));

-- NULL (no channel) passes, as in every CHECK.
ALTER TABLE incident_events ADD CONSTRAINT incident_events_channel_check CHECK (channel IN (
    'graphql', 'push', 'sms', 'voice', 'email', 'slack', 'webhook', 'events_v2', 'alertmanager', 'system'));
