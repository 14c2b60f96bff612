package org.jphmesh.control;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/** Runs jph-control in this JVM and captures what it prints. */
final class Cli {

    record Result(int exit, String out, String err) {
    }

    /** A command running in the background whose output can be read while it runs. */
    record Running(StringWriter out, CompletableFuture<Result> result) {

        String outSoFar() {
            synchronized (out) {
                return out.toString();
            }
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        return execute(new StringWriter(), args);
    }

    static Running start(String... args) {
        StringWriter out = new StringWriter();
        return new Running(out, CompletableFuture.supplyAsync(() -> execute(out, args)));
    }

    private static Result execute(StringWriter out, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = ControlMain.commandLine();
        cli.setOut(new PrintWriter(new SynchronizedWriter(out), true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        synchronized (out) {
            return new Result(exit, out.toString(), err.toString());
        }
    }

    private static final class SynchronizedWriter extends java.io.Writer {
        private final StringWriter target;

        SynchronizedWriter(StringWriter target) {
            this.target = target;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            synchronized (target) {
                target.write(buffer, offset, length);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
