-- A void-of-course message names the window its event belongs to, so it is cancelled when, and only
-- when, that window is gone (removed or replaced: a window's bounds never change under its id).
-- The messages queued before carry the window id in their event key ("voc.started:<id>:...").
ALTER TABLE webhook_messages ADD COLUMN window_id bigint;
UPDATE webhook_messages
   SET window_id = split_part(event_key, ':', 2)::bigint
 WHERE event_type IN ('voc.started', 'voc.ended', 'voc.upcoming');
CREATE INDEX webhook_messages_pending_by_window ON webhook_messages (window_id) WHERE state = 'pending' AND window_id IS NOT NULL;
