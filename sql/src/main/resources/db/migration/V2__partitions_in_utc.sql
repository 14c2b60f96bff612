-- Partition upkeep that cannot fail: bounds in UTC whatever the session's time zone, and rows that
-- landed in reading_default for a month (clocks ahead, a long-running collector, imports) moved into that
-- month's partition when it is made, instead of making its creation fail.
CREATE OR REPLACE FUNCTION jph_ensure_partitions(months_ahead int DEFAULT 3) RETURNS int
LANGUAGE plpgsql SET timezone = 'UTC' AS $$
DECLARE
    first date := date_trunc('month', now())::date;
    made int := 0;
    m int;
    lower_bound date;
    upper_bound date;
    name text;
BEGIN
    FOR m IN 0..months_ahead LOOP
        lower_bound := (first + make_interval(months => m))::date;
        upper_bound := (lower_bound + interval '1 month')::date;
        name := 'reading_' || to_char(lower_bound, 'YYYYMM');
        IF to_regclass(name) IS NULL THEN
            DROP TABLE IF EXISTS jph_moving;
            CREATE TEMP TABLE jph_moving AS
                SELECT * FROM reading_default WHERE ts >= lower_bound AND ts < upper_bound;
            DELETE FROM reading_default WHERE ts >= lower_bound AND ts < upper_bound;
            EXECUTE format('CREATE TABLE %I PARTITION OF reading FOR VALUES FROM (%L) TO (%L)',
                           name, lower_bound, upper_bound);
            INSERT INTO reading SELECT * FROM jph_moving;
            DROP TABLE jph_moving;
            made := made + 1;
        END IF;
    END LOOP;
    RETURN made;
END;
$$;

COMMENT ON TABLE reading_default IS 'Readings outside every monthly partition; moved out when their month is made';
