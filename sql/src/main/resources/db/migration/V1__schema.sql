-- JPH mesh schema, version 1. Owned by Flyway: never edit a released migration, add the next one.

-- Every reading of every codifier, one row each. The key is the reading's identity on the wire:
-- codifier, sequence and the sender's header timestamp, which acts as the sequence epoch (a restarted
-- sender begins a new random sequence at a new time). Every collector computes the same key from the
-- frame alone, so a reading received twice, by two collectors or replayed from a spool, is stored once.
CREATE TABLE reading (
    codifier    text             NOT NULL CHECK (length(codifier) = 2),
    ts          timestamptz      NOT NULL,
    seq         bigint           NOT NULL CHECK (seq >= 0),
    kind        char(1)          NOT NULL CHECK (kind IN ('f', 'i', 's', 'j')),
    value       double precision,
    payload     text,
    epoch       bigint,
    received_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (codifier, ts, seq)
) PARTITION BY RANGE (ts);

COMMENT ON TABLE reading IS 'Every reading; monthly partitions reading_YYYYMM, made ahead by jph_ensure_partitions()';
COMMENT ON COLUMN reading.value IS 'The number the reading stands for: f, i, the value member of j, a numeric s';
COMMENT ON COLUMN reading.payload IS 'The text of s and the document of j, as sent';
COMMENT ON COLUMN reading.epoch IS 'The data sequence start announced by n, when the collector heard it';

-- What falls outside every monthly partition still lands somewhere; jph_ensure_partitions keeps it empty.
CREATE TABLE reading_default PARTITION OF reading DEFAULT;

-- "Codifier X between t1 and t2": the primary key serves it; BRIN keeps time-only scans cheap.
CREATE INDEX reading_ts_brin ON reading USING brin (ts);

-- Creates the monthly partitions from the current month to months_ahead months ahead, if missing.
CREATE FUNCTION jph_ensure_partitions(months_ahead int DEFAULT 3) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
    first date := date_trunc('month', now())::date;
    made int := 0;
    m int;
    lower_bound date;
    name text;
BEGIN
    FOR m IN 0..months_ahead LOOP
        lower_bound := (first + make_interval(months => m))::date;
        name := 'reading_' || to_char(lower_bound, 'YYYYMM');
        IF to_regclass(name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF reading FOR VALUES FROM (%L) TO (%L)',
                           name, lower_bound, (lower_bound + interval '1 month')::date);
            made := made + 1;
        END IF;
    END LOOP;
    RETURN made;
END;
$$;

SELECT jph_ensure_partitions(3);

-- Dashboard and report rollups per codifier: '10min' and 'hour' buckets, bucket = the window's start.
CREATE TABLE reading_rollup (
    codifier text             NOT NULL,
    period   text             NOT NULL CHECK (period IN ('10min', 'hour')),
    bucket   timestamptz      NOT NULL,
    count    bigint           NOT NULL,
    mean     double precision,
    min      double precision,
    max      double precision,
    median   double precision,
    stddev   double precision,
    PRIMARY KEY (codifier, period, bucket)
);

-- How lossy the network is, per codifier and bus, as the collector's sequence accounting saw it.
CREATE TABLE network_loss (
    codifier   text        NOT NULL,
    channel    text        NOT NULL CHECK (channel IN ('control', 'data')),
    collector  text        NOT NULL,
    received   bigint      NOT NULL,
    lost       bigint      NOT NULL,
    duplicated bigint      NOT NULL,
    reordered  bigint      NOT NULL,
    restarts   bigint      NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (codifier, channel, collector)
);

-- Dashboard users; the password is a bcrypt hash, never the password.
CREATE TABLE app_user (
    email         text        PRIMARY KEY,
    password_hash text        NOT NULL CHECK (password_hash LIKE '$2%'),
    role          text        NOT NULL DEFAULT 'viewer' CHECK (role IN ('viewer', 'operator', 'admin')),
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Saved dashboard graphs, as the legacy Graphs table kept them.
CREATE TABLE saved_graph (
    name     text  NOT NULL,
    email    text  NOT NULL REFERENCES app_user (email) ON DELETE CASCADE,
    settings jsonb NOT NULL,
    PRIMARY KEY (name, email)
);
