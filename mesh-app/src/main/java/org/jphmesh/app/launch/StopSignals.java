package org.jphmesh.app.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT taken from the JVM's default (start the shutdown hooks, exit 143 or 130) and handed to the
 * program, so that it closes itself and chooses its exit code. A signal the JVM cannot take (ignored by the
 * shell that started it, as {@code &} does to SIGINT) keeps its default.
 */
final class StopSignals {

    private static final List<String> NAMES = List.of("TERM", "INT");

    private final List<Installed> installed;

    private record Installed(Signal signal, SignalHandler previous) {
    }

    private StopSignals(List<Installed> installed) {
        this.installed = installed;
    }

    /** From now on each signal calls {@code onSignal} with its name ({@code TERM}, {@code INT}). */
    static StopSignals install(Consumer<String> onSignal) {
        List<Installed> installed = new ArrayList<>();
        for (String name : NAMES) {
            Signal signal = new Signal(name);
            try {
                installed.add(new Installed(signal, Signal.handle(signal, s -> onSignal.accept(s.getName()))));
            } catch (IllegalArgumentException inUseOrIgnored) {
                // The shutdown hook still closes the program when this signal ends the JVM.
            }
        }
        return new StopSignals(List.copyOf(installed));
    }

    /** Whether {@code name} ({@code TERM}, {@code INT}) now reaches the program. */
    boolean handles(String name) {
        return installed.stream().anyMatch(each -> each.signal().getName().equals(name));
    }

    /** Gives each signal back its previous handler. */
    void restore() {
        for (Installed each : installed) {
            Signal.handle(each.signal(), each.previous());
        }
    }
}
