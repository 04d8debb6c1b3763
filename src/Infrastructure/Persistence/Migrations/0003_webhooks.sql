-- Webhook subscriptions, the messages due to them and every delivery attempt. What is to be
-- delivered lives here, so a crash or a restart loses nothing and any instance may deliver it.
CREATE TABLE webhook_subscriptions (
    id                    bigserial   PRIMARY KEY,
    owner                 text        NOT NULL,
    url                   text        NOT NULL CHECK (length(url) <= 2048),
    events                text[]      NOT NULL,
    lead_minutes          integer     CHECK (lead_minutes BETWEEN 1 AND 1440),
    secret                text        NOT NULL,
    previous_secret       text,
    previous_secret_until timestamptz,
    active                boolean     NOT NULL DEFAULT true,
    disabled_reason       text,
    failing_since         timestamptz,
    created_at            timestamptz NOT NULL
);
CREATE INDEX webhook_subscriptions_by_owner ON webhook_subscriptions (owner, id);

-- One row per event per subscription (event_key names the event: the same event is never queued
-- twice); message_id is the webhook-id every attempt carries.
CREATE TABLE webhook_messages (
    id              bigserial   PRIMARY KEY,
    subscription_id bigint      NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    message_id      text        NOT NULL UNIQUE,
    event_key       text        NOT NULL,
    event_type      text        NOT NULL,
    payload         text        NOT NULL,
    occurs_at       timestamptz NOT NULL,
    due_at          timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
    locked_until    timestamptz,
    UNIQUE (subscription_id, event_key)
);
CREATE INDEX webhook_messages_due ON webhook_messages (due_at) WHERE state = 'pending';

CREATE TABLE webhook_attempts (
    id          bigserial   PRIMARY KEY,
    message     bigint      NOT NULL REFERENCES webhook_messages (id) ON DELETE CASCADE,
    attempt     integer     NOT NULL,
    at          timestamptz NOT NULL,
    status_code integer,
    duration_ms integer     NOT NULL,
    error       text,
    next_try    timestamptz
);
CREATE INDEX webhook_attempts_by_message ON webhook_attempts (message, attempt);
