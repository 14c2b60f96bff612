package org.jphmesh.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.collector.spool.ReadingJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer between the journal and the store, with an in-memory store standing in for PostgreSQL's rows. */
class ReadingWriterTest {

    @TempDir
    Path dir;

    private static ByteBuf reading(long sequence, float value) {
        ByteBuf buf = Unpooled.buffer();
        FrameCodec.encode(Frame.data(sequence, 1_000 + sequence, Codifier.of("G1"), new FloatReading(value)), buf);
        return buf;
    }

    @Test
    void a_journal_record_that_does_not_decode_is_counted_and_the_readings_around_it_are_stored() throws Exception {
        List<ReadingRow> stored = new CopyOnWriteArrayList<>();
        try (ReadingJournal journal = new ReadingJournal(dir, 64L * 1024 * 1024);
             ReadingWriter writer = new ReadingWriter("CT", batch -> {
                 stored.addAll(batch);
                 return batch.size();
             }, journal, 100)) {
            journal.append(reading(1, 20.5f));
            journal.append(ByteBuffer.wrap("not a frame at all, but 28 bytes or more".getBytes()));
            journal.append(reading(2, 21.5f));
            journal.flush();

            await().atMost(Duration.ofSeconds(10)).until(() -> stored.size() == 2);
            assertThat(writer.undecodable()).isEqualTo(1);
            assertThat(stored).extracting(ReadingRow::sequence).containsExactly(1L, 2L);
        }
    }

    @Test
    void an_error_in_the_store_stops_the_writer_and_says_so_instead_of_retrying_for_ever() throws Exception {
        AtomicReference<Error> fatal = new AtomicReference<>();
        try (ReadingJournal journal = new ReadingJournal(dir, 64L * 1024 * 1024);
             ReadingWriter writer = new ReadingWriter("CT", batch -> {
                 throw new OutOfMemoryError("a test's stand-in for a real one");
             }, journal, 100)) {
            writer.onFatal(fatal::set);
            journal.append(reading(1, 20.5f));
            journal.flush();

            await().atMost(Duration.ofSeconds(10)).untilAtomic(fatal, org.hamcrest.Matchers.notNullValue());
            assertThat(fatal.get()).hasMessage("a test's stand-in for a real one");
            assertThat(writer.stored()).isZero();
        }
    }
}
