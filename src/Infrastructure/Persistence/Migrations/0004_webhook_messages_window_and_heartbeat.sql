-- A void-of-course message names the window its event belongs to, so it is cancelled when, and only
-- when, that window is gone (removed or replaced: a window's bounds never change under its id).
-- The messages queued before carry the window id in their event key ("voc.started:<id>:...").
ALTER TABLE webhook_messages ADD COLUMN window_id bigint;
UPDATE webhook_messages
   SET window_id = split_part(event_key, ':', 2)::bigint
 WHERE event_type IN ('voc.started', 'voc.ended', 'voc.upcoming');
CREATE INDEX webhook_messages_pending_by_window ON webhook_messages (window_id) WHERE state = 'pending' AND window_id IS NOT NULL;

-- When a delivery loop last ran, on any instance. A first attempt that fell due after it, while no
-- instance ran, is dropped once it is too late; one that fell due while a loop ran (and waited for
-- its turn) never is.
CREATE TABLE webhook_delivery_heartbeat (
    singleton boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    at        timestamptz NOT NULL
);

-- Messages that are done (delivered, failed, cancelled) are kept for a while, for their owners to read
-- their attempts, then deleted with them (Webhooks:KeepDays).
CREATE INDEX webhook_messages_done ON webhook_messages (due_at) WHERE state <> 'pending';

-- A subscription's waiting messages, counted up to a bound before more are queued for it.
CREATE INDEX webhook_messages_pending_by_subscription ON webhook_messages (subscription_id, due_at) WHERE state = 'pending';
-- The leases in force, for the delivery loop's next wake and each subscription's attempts in flight.
CREATE INDEX webhook_messages_leased ON webhook_messages (subscription_id, locked_until) WHERE state = 'pending' AND locked_until IS NOT NULL;
