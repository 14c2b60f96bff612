package org.jphmesh.collector;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.SqlSettings;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.collector.ingest.ReadingWriter;
import org.jphmesh.collector.spool.ReadingJournal;
import org.jphmesh.collector.store.postgres.PostgresReadingStore;

/**
 * A collector: a node on the mesh that stores every reading it hears in PostgreSQL. It answers pings
 * and reports its own throughput (readings stored per second) every interval. A halt stops those reports
 * but never the recording: a forged {@code H} to {@code @@} must not leave a hole in the history.
 */
public final class Collector implements AutoCloseable {

    /** Default cap of the journal: about 20 million readings, days of a large mesh without its database. */
    public static final long DEFAULT_SPOOL_CAP_BYTES = 1L << 30;

    private final HikariDataSource pool;
    private final ReadingJournal journal;
    private final ReadingWriter writer;
    private final Node node;

    private Collector(NodeOptions options, SqlSettings sql, Path spool, long spoolCapBytes) {
        this.pool = pool(options.codifier().value(), sql);
        requireSchema(pool);
        PostgresReadingStore store = new PostgresReadingStore(pool);
        try {
            store.ensurePartitions();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the reading partitions: " + e.getMessage(), e);
        }
        this.journal = new ReadingJournal(spool, spoolCapBytes);
        this.writer = new ReadingWriter(options.codifier().value(), store, journal, 5_000);
        ByteBuffer scratch = ByteBuffer.allocate(FrameCodec.MAX_DATAGRAM_BYTES);
        long[] lastStored = {0};
        this.node = Node.start(options, new NodeCallbacks() {
            // On the I/O thread: into the journal before anything else, so nothing heard can be lost.
            @Override
            public void onFrame(Node n, Frame frame, InetSocketAddress sender) {
                if (frame.channel() == BusChannel.DATA) {
                    scratch.clear();
                    FrameCodec.encode(frame, Unpooled.wrappedBuffer(scratch).clear());
                    scratch.limit(FrameCodec.encodedLength(frame));
                    journal.append(scratch);
                }
            }

            @Override
            public void onReadComplete(Node n, BusChannel channel) {
                if (channel == BusChannel.DATA) {
                    journal.flushQuietly();
                }
            }

            @Override
            public void onTimer(Node n) {
                long now = writer.stored();
                double seconds = n.entry().interval().toMillis() / 1000.0;
                n.sendData(Math.round((now - lastStored[0]) / seconds * 10) / 10.0);
                lastStored[0] = now;
            }
        });
    }

    /**
     * Starts a collector for the entry in {@code options}, storing into the database of {@code sql}, with its
     * journal in {@code spool} (kept across restarts: what is there and not yet stored is stored first).
     */
    public static Collector start(NodeOptions options, SqlSettings sql, Path spool, long spoolCapBytes) {
        return new Collector(options, sql, spool, spoolCapBytes);
    }

    private static HikariDataSource pool(String owner, SqlSettings sql) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("jph-" + owner);
        config.setJdbcUrl(sql.url());
        config.setUsername(sql.user());
        config.setPassword(sql.password());
        config.setMaximumPoolSize(3);
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }

    private static void requireSchema(HikariDataSource pool) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT to_regclass('public.reading') IS NOT NULL")) {
            result.next();
            if (!result.getBoolean(1)) {
                throw new ConfigException("the database " + pool.getJdbcUrl() + " has no JPH schema: run jph-sql migrate");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database " + pool.getJdbcUrl() + ": " + e.getMessage(), e);
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

    /** Stops listening and writing; what is not yet stored stays in the journal for the next start. */
    @Override
    public void close() {
        node.close();
        writer.close();
        journal.close();
        pool.close();
    }
}
