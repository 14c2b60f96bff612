package org.jphmesh.collector.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingJournalTest {

    @TempDir
    Path dir;

    private static ByteBuffer record(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static List<String> texts(List<byte[]> records) {
        return records.stream().map(r -> new String(r, StandardCharsets.US_ASCII)).toList();
    }

    @Test
    void a_second_journal_on_a_folder_in_use_is_refused_until_the_first_closes() {
        ReadingJournal first = new ReadingJournal(dir, 1 << 20);
        assertThatThrownBy(() -> new ReadingJournal(dir, 1 << 20))
                .isInstanceOf(org.jphmesh.bus.config.ConfigException.class)
                .hasMessageContaining("is in use by another collector");
        first.close();
        new ReadingJournal(dir, 1 << 20).close();
    }

    @Test
    void nothing_appended_reaches_a_reader_before_the_flush_that_hands_it_to_the_kernel() throws Exception {
        try (ReadingJournal journal = new ReadingJournal(dir, 1 << 20)) {
            JournalCursor cursor = new JournalCursor(journal);
            journal.append(record("one"));
            assertThat(cursor.read(10, Duration.ZERO)).isEmpty();
            journal.flush();
            assertThat(texts(cursor.read(10, Duration.ZERO))).containsExactly("one");
            cursor.close();
        }
    }

    @Test
    void a_reader_resumes_after_its_last_commit_when_the_journal_is_opened_again() throws Exception {
        try (ReadingJournal journal = new ReadingJournal(dir, 1 << 20, 64)) {
            JournalCursor cursor = new JournalCursor(journal);
            for (int i = 0; i < 10; i++) {
                journal.append(record("reading-" + i));
            }
            journal.flush();
            List<byte[]> first = cursor.read(4, Duration.ZERO);
            assertThat(texts(first)).containsExactly("reading-0", "reading-1", "reading-2", "reading-3");
            cursor.commit(cursor.position());
            cursor.close();
        }
        try (ReadingJournal journal = new ReadingJournal(dir, 1 << 20, 64)) {
            JournalCursor cursor = new JournalCursor(journal);
            assertThat(texts(cursor.read(100, Duration.ZERO))).containsExactly("reading-4", "reading-5", "reading-6",
                    "reading-7", "reading-8", "reading-9");
            cursor.close();
        }
    }

    @Test
    void records_span_segments_and_stored_segments_are_deleted() throws Exception {
        try (ReadingJournal journal = new ReadingJournal(dir, 1 << 20, 64)) {
            JournalCursor cursor = new JournalCursor(journal);
            for (int i = 0; i < 20; i++) {
                journal.append(record("reading-" + i));
            }
            journal.flush();
            assertThat(ReadingJournal.segments(dir)).hasSizeGreaterThan(3);
            assertThat(cursor.read(100, Duration.ZERO)).hasSize(20);
            cursor.commit(cursor.position());
            assertThat(ReadingJournal.segments(dir)).hasSize(1);
            cursor.close();
        }
    }

    @Test
    void a_record_half_written_when_the_process_died_is_cut_off_and_appends_continue_cleanly() throws Exception {
        try (ReadingJournal journal = new ReadingJournal(dir, 1 << 20)) {
            journal.append(record("whole"));
        }
        Files.write(ReadingJournal.file(dir, 1), new byte[] {0, 20, 'h', 'a', 'l'}, StandardOpenOption.APPEND);
        try (ReadingJournal journal = new ReadingJournal(dir, 1 << 20)) {
            journal.append(record("after"));
            journal.flush();
            JournalCursor cursor = new JournalCursor(journal);
            assertThat(texts(cursor.read(100, Duration.ZERO))).containsExactly("whole", "after");
            cursor.close();
        }
    }

    @Test
    void a_garbled_checkpoint_means_reading_again_from_the_first_segment() throws Exception {
        try (ReadingJournal journal = new ReadingJournal(dir, 1 << 20)) {
            journal.append(record("one"));
            journal.flush();
        }
        Files.writeString(dir.resolve(JournalCursor.CHECKPOINT), "");
        try (ReadingJournal journal = new ReadingJournal(dir, 1 << 20)) {
            JournalCursor cursor = new JournalCursor(journal);
            assertThat(texts(cursor.read(10, Duration.ZERO))).containsExactly("one");
            cursor.close();
        }
    }

    @Test
    void each_opening_writes_a_segment_of_its_own_and_readers_go_on_into_it() throws Exception {
        try (ReadingJournal journal = new ReadingJournal(dir, 1 << 20)) {
            journal.append(record("first run"));
            journal.flush();
        }
        try (ReadingJournal journal = new ReadingJournal(dir, 1 << 20)) {
            journal.append(record("second run"));
            journal.flush();
            JournalCursor cursor = new JournalCursor(journal);
            assertThat(texts(cursor.read(10, Duration.ZERO))).containsExactly("first run", "second run");
            assertThat(ReadingJournal.segments(dir)).hasSize(2);
            cursor.commit(cursor.position());
            assertThat(ReadingJournal.segments(dir)).hasSize(1);
            cursor.close();
        }
    }

    @Test
    void past_its_cap_the_journal_refuses_and_counts() {
        try (ReadingJournal journal = new ReadingJournal(dir, 40, 1 << 20)) {
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                accepted += journal.append(record("reading-" + i)) ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(3);
            assertThat(journal.refused()).isEqualTo(7);
        }
    }
}
