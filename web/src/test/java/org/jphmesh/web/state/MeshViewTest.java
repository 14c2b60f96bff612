package org.jphmesh.web.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.bus.sequence.SequenceAccounting;
import org.junit.jupiter.api.Test;

class MeshViewTest {

    private static final Codifier S1 = Codifier.of("S1");

    @Test
    void a_late_or_resent_reading_never_replaces_the_latest_value() {
        MeshView view = new MeshView(ConfigLoader.parse("{\"Sensors\":[{\"Codifier\":\"S1\",\"Type\":\"Simulated\"},"
                + "{\"Codifier\":\"W1\",\"Type\":\"Flask\"}]}", "t"), Codifier.of("W1"), Clock.systemUTC());
        SequenceAccounting accounting = new SequenceAccounting();
        view.useAccounting(accounting);

        for (Frame frame : new Frame[] {Frame.data(100, 1000, S1, new SequenceStart(100)),
                Frame.data(103, 1003, S1, new FloatReading(30f)), Frame.data(101, 1001, S1, new FloatReading(10f))}) {
            accounting.observe(frame, frame.timestamp());
            view.onFrame(frame);
        }

        assertThat(view.view(S1).value()).isEqualTo(30.0);
        assertThat(view.view(S1).sequence()).isEqualTo(103);
    }
}
