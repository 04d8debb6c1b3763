-- What the ephemeris knows about a window: the sign the Moon is void in, the sign it enters next,
-- and the aspect that began the void. Windows posted without them keep nulls.
ALTER TABLE voc_windows
    ADD COLUMN sign               text,
    ADD COLUMN next_sign          text,
    ADD COLUMN last_aspect_planet text,
    ADD COLUMN last_aspect        text,
    ADD CONSTRAINT voc_windows_signs_together CHECK ((sign IS NULL) = (next_sign IS NULL)),
    ADD CONSTRAINT voc_windows_aspect_together CHECK ((last_aspect_planet IS NULL) = (last_aspect IS NULL));

-- One window per lunar ingress: stored windows never overlap. Fails, changing nothing, if
-- overlapping windows were stored before; resolve those by hand, then start again.
ALTER TABLE voc_windows
    ADD CONSTRAINT voc_windows_no_overlap EXCLUDE USING gist (tstzrange(start_at, end_at) WITH &&);
