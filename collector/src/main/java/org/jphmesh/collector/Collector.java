package org.jphmesh.collector;

import com.zaxxer.hikari.HikariDataSource;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jphmesh.app.report.CollectorReport;
import org.jphmesh.app.retention.PostgresRetention;
import org.jphmesh.app.retention.Retention;
import org.jphmesh.app.store.RedisSettings;
import org.jphmesh.app.store.SqlPool;
import org.jphmesh.app.store.SqlSettings;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.node.DuplicateInstance;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.sequence.SequenceGap;
import org.jphmesh.collector.ingest.ReadingWriter;
import org.jphmesh.collector.ingest.LatestReadings;
import org.jphmesh.collector.ingest.StateChanges;
import org.jphmesh.collector.repair.LossRepair;
import org.jphmesh.collector.spool.ReadingJournal;
import org.jphmesh.collector.store.postgres.DailyRetention;
import org.jphmesh.collector.store.postgres.PostgresReadingStore;
import org.jphmesh.collector.store.postgres.PostgresSummaries;
import org.jphmesh.collector.store.postgres.RejectedRows;
import org.jphmesh.collector.store.redis.RedisStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collector: a node on the mesh that keeps what it hears. With a database it stores every reading in
 * PostgreSQL through its journal; with Redis it keeps each codifier's latest state there. It answers pings
 * and reports its own throughput (readings stored per second) every interval. A halt stops those reports
 * but never the recording: a forged {@code H} to {@code @@} must not leave a hole in the history.
 */
public final class Collector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

    /** Default cap of the journal: about 20 million readings, days of a large mesh without its database. */
    public static final long DEFAULT_SPOOL_CAP_BYTES = 1L << 30;
    /** The journal needs room for two segments: the one being stored and the one being written. */
    public static final long MIN_SPOOL_CAP_BYTES = 2 * ReadingJournal.SEGMENT_BYTES;
    /** Rows one retention delete removes: small enough that ingest never waits on its locks for long. */
    static final int RETENTION_BATCH_ROWS = 5_000;

    /**
     * What a collector keeps and where: {@code sql} (with its journal in {@code spool}, and what it keeps for how
     * long in {@code retention}) and/or {@code redis}; either may be null, not both.
     */
    public record Roles(SqlSettings sql, Path spool, long spoolCapBytes, RedisSettings redis, Retention retention) {

        public Roles(SqlSettings sql, Path spool, long spoolCapBytes, RedisSettings redis) {
            this(sql, spool, spoolCapBytes, redis, Retention.KEEP_EVERYTHING);
        }

        public Roles {
            retention = retention == null ? Retention.KEEP_EVERYTHING : retention;
            if (sql == null && redis == null) {
                throw new ConfigException("a collector needs a database (Sensor.SQL) or Redis (Sensor.Redis), or both");
            }
            if (sql != null && spool == null) {
                throw new ConfigException("a collector that stores readings needs a journal folder (Sensor.Spool)");
            }
            if (sql != null && spoolCapBytes < MIN_SPOOL_CAP_BYTES) {
                throw new ConfigException("Sensor.SpoolCapBytes must be at least " + MIN_SPOOL_CAP_BYTES
                        + " (two journal segments), not " + spoolCapBytes);
            }
        }

        public static Roles postgres(SqlSettings sql, Path spool) {
            return new Roles(sql, spool, DEFAULT_SPOOL_CAP_BYTES, null);
        }
    }

    private final HikariDataSource pool;
    private final RejectedRows rejected;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReadingJournal journal;
    private final ReadingWriter writer;
    private final RedisStateStore state;
    private final DatabaseUpkeep upkeep;
    private final LossRepair repair;
    private final LongAdder redisRows = new LongAdder();
    private final Node node;

    private Collector(NodeOptions options, Roles roles) {
        String owner = options.codifier().value();
        PostgresSummaries summaries = null;
        DailyRetention retention = null;
        if (roles.sql() != null) {
            this.pool = pool(owner, roles.sql());
            requireSchemaIfReachable(pool);
            this.rejected = new RejectedRows(roles.spool().resolve("rejected.csv"));
            PostgresReadingStore store = new PostgresReadingStore(pool, rejected);
            summaries = new PostgresSummaries(pool);
            try {
                this.journal = new ReadingJournal(roles.spool(), roles.spoolCapBytes());
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
            this.writer = new ReadingWriter(owner, store, journal, 5_000, summaries::stored);
            retention = roles.retention().keepsEverything() ? null
                    : new DailyRetention(owner, new PostgresRetention(pool, roles.retention(), RETENTION_BATCH_ROWS), options.clock());
        } else {
            this.pool = null;
            this.rejected = null;
            this.journal = null;
            this.writer = null;
        }
        // Only a collector that stores readings asks for lost ones; a Redis-only one keeps the latest state anyway.
        this.repair = journal == null ? null : new LossRepair(owner);
        RedisSettings redis = roles.redis();
        this.state = redis == null ? null
                : new RedisStateStore(owner, redis, 50);
        StateChanges changes = new StateChanges();
        LatestReadings latest = new LatestReadings(changes);
        RowRate rate = new RowRate(options.clock());
        // A collector never gives way to another instance of its codifier: a forged frame must not end the recording.
        this.node = Node.start(options.withStopOnDuplicate(false), new NodeCallbacks() {
            // On the receive thread: the bytes as heard into the journal before anything else, so nothing can be lost.
            @Override
            public void onFrame(Node n, Frame frame, ByteBuf wire, InetSocketAddress sender) {
                if (journal != null && frame.channel() == BusChannel.DATA) {
                    journal.append(wire);
                }
                if (state != null) {
                    if (frame.channel() == BusChannel.DATA && frame.flag() != Flag.DATA_SEQUENCE) {
                        // The hot path: two array writes here; the fields are made when Redis is written.
                        latest.note(frame, n.accounting().isLatest(frame));
                    } else {
                        changes.of(frame, n.accounting()).forEach(state::apply);
                    }
                    // Counted as jphRedis counted its writes: three per reading or new sequence.
                    if (frame.channel() == BusChannel.DATA || frame.flag() == Flag.NEW_SEQUENCE) {
                        redisRows.add(3);
                    }
                }
            }

            @Override
            public void onGap(Node n, SequenceGap gap) {
                redisRows.increment();
                if (repair != null && n.config().multicast().resend()) {
                    repair.onGap(n, gap);
                }
            }

            @Override
            public void onReadComplete(Node n, BusChannel channel) {
                if (journal != null && channel == BusChannel.DATA) {
                    journal.flushQuietly();
                }
            }

            @Override
            public void onTimer(Node n) {
                rate.next(writer != null ? writer.stored() : redisRows.sum())
                        .ifPresent(perMinute -> n.sendJson(n.codifier(), report(perMinute, n)));
            }

            @Override
            public void onDuplicateInstance(Node n, DuplicateInstance other) {
                LOG.error("{} - {}; this collector keeps recording. Stop the other one: two collectors of one codifier"
                        + " confuse whoever reads their reports", n.codifier(), other.describe(n.codifier().value()));
            }
        });
        if (state != null) {
            state.beforeWrite(() -> latest.drainInto(node.accounting(), state::apply));
        }
        if (writer != null) {
            // A writer stopped by an Error stops the collector, non-zero, so its service manager starts it again.
            writer.onFatal(error -> node.closeFailed());
        }
        this.upkeep = summaries == null ? null : new DatabaseUpkeep(owner, summaries, retention, node.accounting()::snapshot);
    }

    /**
     * The collector's own reading, as the legacy collectors sent theirs: {@code value} is rows written per minute
     * (readings stored in PostgreSQL; for a Redis-only collector, Redis writes counted as jphRedis counted them).
     * The other members let a dashboard show the journal's state, loss repair and a conflicting second instance
     * without reaching into the collector.
     */
    private String report(long rowsPerMinute, Node n) {
        CollectorReport report = CollectorReport.of(rowsPerMinute);
        if (writer != null) {
            report = report.withJournal(writer.stored(), Math.max(0, journal.appended() - writer.stored() - writer.repeated()),
                    journal.refused(), writer.inOutage(), repair.requests(), repair.recovered(), repair.givenUp());
        }
        if (state != null) {
            report = report.withRedis(state.written(), state.failures());
        }
        Optional<DuplicateInstance> other = n.duplicateInstance();
        if (other.isPresent()) {
            report = report.withConflict(other.get().describe(n.codifier().value()));
        }
        return report.toJson();
    }

    /** Brings the rollups and the loss table up to date now, and retention when due (also done every 10 s). */
    public void refreshSummaries() {
        if (upkeep != null) {
            upkeep.runNow();
        }
    }

    /** Starts a collector for the entry in {@code options} with the given roles. */
    public static Collector start(NodeOptions options, Roles roles) {
        return new Collector(options, roles);
    }

    /** A PostgreSQL-only collector, journal in {@code spool}. */
    public static Collector start(NodeOptions options, SqlSettings sql, Path spool, long spoolCapBytes) {
        return new Collector(options, new Roles(sql, spool, spoolCapBytes, null));
    }

    // Starts even while the database is away: readings wait in the journal until it is back.
    private static HikariDataSource pool(String owner, SqlSettings sql) {
        return SqlPool.open(sql, "jph-" + owner, 3, 3, Duration.ofSeconds(5));
    }

    // A database that answers without the schema is a setup error; one that does not answer is an outage.
    private static void requireSchemaIfReachable(HikariDataSource pool) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT to_regclass('public.reading') IS NOT NULL")) {
            result.next();
            if (!result.getBoolean(1)) {
                throw new ConfigException("the database " + pool.getJdbcUrl() + " has no JPH schema: run jph-sql migrate");
            }
        } catch (SQLException e) {
            LOG.warn("the database {} does not answer ({}); readings wait in the journal until it does",
                    pool.getJdbcUrl(), e.getMessage());
        }
    }

    public Node node() {
        return node;
    }

    public ReadingWriter writer() {
        return writer;
    }

    public ReadingJournal journal() {
        return journal;
    }

    /** Loss repair's counts; null without a database (nothing to repair into). */
    public LossRepair repair() {
        return repair;
    }

    public RedisStateStore state() {
        return state;
    }

    /** Readings the database refused for their content, set aside; null without a database. */
    public RejectedRows rejected() {
        return rejected;
    }

    /** Stops listening and writing; what is not yet stored stays in the journal for the next start. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        node.close();
        if (repair != null) {
            repair.close();
        }
        if (upkeep != null) {
            upkeep.close();
        }
        if (writer != null) {
            writer.close();
            journal.close();
            pool.close();
        }
        if (state != null) {
            state.close();
        }
    }
}
