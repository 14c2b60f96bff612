package org.jphmesh.sensor.alert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jphmesh.app.alerts.AlertCommand;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigSource;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.alert.notify.NotificationOutbox;
import org.jphmesh.sensor.alert.notify.NotifySettings;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.DriverContext;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code "Type": "Alerts"}: rules over what the mesh says, each a codifier of its own whose reading is its state
 * (docs/rules.md). Readings that feed a rule are noted on the receive thread and evaluated at once on the
 * evaluator's thread, so a threshold crossed becomes a notification in milliseconds, not a {@code SensorInterval}
 * later; every {@code SensorInterval} the node sends the number of firing rules as itself and every rule's state.
 */
public final class AlertsDriver implements Driver {

    private static final Logger LOG = LoggerFactory.getLogger(AlertsDriver.class);

    private final Codifier self;
    private final List<AlertRule> rules;
    private final Map<Codifier, AlertRule> byCode = new HashMap<>();
    private final Map<String, NotifySettings> notify;
    private final Path folder;
    private final HeardFrames heard = new HeardFrames();
    private final int[][] rulesByTrigger = new int[Codifier.COUNT][];
    private volatile DriverContext context;
    private volatile AlertEvaluator evaluator;
    private final List<NotificationOutbox> outboxes = new ArrayList<>();

    public AlertsDriver(SensorConfig entry, MeshConfig config) {
        this.self = entry.code();
        RuleReader reader = new RuleReader(entry, config);
        this.rules = reader.rules();
        this.notify = reader.notifySettings();
        this.folder = ConfigSource.expandHome(ConfigBlock.of(entry).text("StateFolder", "~/.jph/state/" + self.value()));
        for (SensorConfig other : config.sensors()) {
            for (Codifier proxy : config.proxiesOf(other.code())) {
                heard.proxyOf(proxy, other.code());
            }
        }
        Map<Integer, List<Integer>> triggers = new HashMap<>();
        for (AlertRule rule : rules) {
            byCode.put(rule.code(), rule);
            for (Codifier trigger : rule.condition().triggers()) {
                triggers.computeIfAbsent(trigger.index(), k -> new ArrayList<>()).add(rule.index());
            }
        }
        triggers.forEach((index, list) -> rulesByTrigger[index] = list.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The rules as read, for tests and the {@code --runnable} check. */
    List<AlertRule> rules() {
        return rules;
    }

    @Override
    public void start(DriverContext context) {
        long now = context.clock().millis();
        AlertEngine engine = new AlertEngine(self, rules, new MeshWatch(heard, context.latest(), context::sequence), now);
        AlertLedger ledger = new AlertLedger(self, folder);
        engine.restore(ledger.load());
        Map<String, NotificationOutbox> opened = new LinkedHashMap<>();
        notify.forEach((name, settings) -> {
            NotificationOutbox outbox = NotificationOutbox.open(self + "/" + name, folder.resolve("outbox-" + name),
                    settings.notifiers(self), context.clock());
            opened.put(name, outbox);
            outboxes.add(outbox);
        });
        AlertEvaluator started = new AlertEvaluator(engine, ledger, opened, context);
        this.context = context;
        this.evaluator = started;
        started.start();
        LOG.info("{} - {} alert rules, states in {}, {} notification settings", self, rules.size(), ledger.file(),
                opened.size());
    }

    @Override
    public void onFrame(Frame frame) {
        DriverContext current = context;
        AlertEvaluator running = evaluator;
        if (current == null || running == null) {
            return;
        }
        heard.heard(frame, current.clock().millis());
        int[] marked = rulesByTrigger[frame.from().index()];
        if (marked != null) {
            running.mark(marked);
        }
    }

    @Override
    public void onControl(Frame frame) {
        AlertEvaluator running = evaluator;
        if (running == null || frame.flag() != Flag.SET || !byCode.containsKey(frame.to())) {
            return;
        }
        double value = frame.control().timeComponent();
        if (Double.isNaN(value)) {
            LOG.warn("{} - ignored an alert command to {} from {}: NaN is not a command", self, frame.to(), frame.from());
            return;
        }
        AlertCommand command = AlertCommand.of(value);
        LOG.info("{} - {} from {}: {}", self, frame.to(), frame.from(), command);
        running.command(frame.to(), command);
    }

    @Override
    public ReadResult read() {
        AlertEvaluator running = evaluator;
        if (running == null) {
            return ReadResult.none();
        }
        List<Reading> readings = new ArrayList<>(rules.size() + 1);
        readings.add(new Reading(self, Readings.of((long) running.firing())));
        for (AlertRule rule : rules) {
            readings.add(AlertEvaluator.reading(rule.code(), running.sent(rule.index())));
        }
        return ReadResult.good(readings);
    }

    @Override
    public void close() {
        AlertEvaluator running = evaluator;
        evaluator = null;
        if (running != null) {
            running.close();
        }
        outboxes.forEach(NotificationOutbox::close);
        outboxes.clear();
    }
}
