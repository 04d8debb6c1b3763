-- Void-of-course windows: the Moon is void from start_at (inclusive) to end_at (exclusive).
CREATE TABLE voc_windows (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    start_at   timestamptz NOT NULL,
    end_at     timestamptz NOT NULL,
    source     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- The same window is never stored twice; the upsert arbitrates on this constraint.
    CONSTRAINT voc_windows_bounds_unique UNIQUE (start_at, end_at),
    CONSTRAINT voc_windows_end_after_start CHECK (end_at > start_at)
);

-- The status read filters on end_at > now; the unique index above serves start_at lookups.
CREATE INDEX voc_windows_end_at ON voc_windows (end_at);
