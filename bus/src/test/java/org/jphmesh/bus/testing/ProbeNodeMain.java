package org.jphmesh.bus.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;

/**
 * A node in another process, for tests that put nodes in network namespaces.
 * <ul>
 *   <li>{@code send CONFIG CODE COUNT RATE}: sends COUNT float readings (0, 1, 2, ...) at RATE per second, then stays 2 s;</li>
 *   <li>{@code listen CONFIG CODE SECONDS OUT}: writes {@code OUT.ready} once listening, and after SECONDS writes every
 *       reading heard to OUT, one {@code codifier sequence} line each.</li>
 * </ul>
 */
public final class ProbeNodeMain {

    private ProbeNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        Codifier code = Codifier.of(args[2]);
        RecordingCallbacks heard = new RecordingCallbacks();
        try (Node node = Node.start(NodeOptions.of(code, args[1]).withStopOnDuplicate(false), heard)) {
            if (args[0].equals("send")) {
                int count = Integer.parseInt(args[3]);
                long gapNanos = 1_000_000_000L / Integer.parseInt(args[4]);
                long next = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    node.sendData(code, (float) i);
                    next += gapNanos;
                    LockSupport.parkNanos(next - System.nanoTime());
                }
                Thread.sleep(2_000);
            } else {
                Path out = Path.of(args[4]);
                Files.writeString(Path.of(args[4] + ".ready"), "ready");
                Thread.sleep(Long.parseLong(args[3]) * 1000);
                String lines = heard.data.stream().filter(f -> f.flag() == Flag.FLOAT)
                        .map(f -> f.from() + " " + f.sequence()).collect(Collectors.joining("\n"));
                Files.writeString(out, lines, StandardCharsets.UTF_8);
            }
        }
        System.exit(0);
    }
}
