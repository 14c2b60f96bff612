package org.jphmesh.web.mqtt;

import static org.jphmesh.web.command.CommandRefusedException.echo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.jphmesh.bus.log.RateLimitedLog;
import org.jphmesh.web.command.Command;
import org.jphmesh.web.command.CommandRefusedException;
import org.jphmesh.web.command.CommandService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands arriving over MQTT. {@code <prefix>/<code>/set} carries a number (a set-point);
 * {@code <prefix>/<code>/cmd} a command name or letter ({@code halt}, {@code H}), optionally followed by its
 * value ({@code step 2}), or JSON {@code {"command":"step","value":2}}. A command must be in the bridge's
 * allow-list and its target one MQTT may command (by default a codifier with a config entry: anyone on the
 * LAN can make a codifier heard), then {@link CommandService} checks the target and {@code Control}. Anything
 * refused is counted, logged rate-limited and reported on {@code <prefix>/bridge/error}: the sender is a
 * system, not a person, and otherwise would never learn why nothing happened. What the report repeats of the
 * command is cut to {@value CommandRefusedException#ECHO_CHARS} characters.
 */
final class MqttCommands {

    private static final Logger LOG = LoggerFactory.getLogger(MqttCommands.class);

    private record Request(String target, Command command, Double value) {
    }

    private final String self;
    private final MqttSettings settings;
    private final MqttTopics topics;
    private final CommandService service;
    private final Predicate<String> hasEntry;
    private final OutboundQueue queue;
    private final Runnable wake;
    private final RateLimitedLog refusals = new RateLimitedLog(LOG, 10_000);
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();

    /** {@code hasEntry}: whether a codifier has an entry in the config as it is now (it may be reloaded). */
    MqttCommands(String self, MqttSettings settings, MqttTopics topics, CommandService service, Predicate<String> hasEntry,
                 OutboundQueue queue, Runnable wake) {
        this.self = self;
        this.settings = settings;
        this.topics = topics;
        this.service = service;
        this.hasEntry = hasEntry;
        this.queue = queue;
        this.wake = wake;
    }

    /** On Paho's callback thread; sending a control frame does not block. */
    void onMessage(String topic, MqttMessage message) {
        try {
            // MQTT-3.3.1-9: a retained command would be replayed on every reconnect of the bridge.
            if (message.isRetained()) {
                throw new CommandRefusedException(400, "retained commands are ignored: publish with retain=false");
            }
            Request request = parse(topic, new String(message.getPayload(), StandardCharsets.UTF_8).trim());
            if (!settings.allows(request.command())) {
                throw new CommandRefusedException(403, request.command().lower() + " is not allowed over MQTT"
                        + " (Sensor.Mqtt.Commands allows " + settings.commands().stream().map(Command::lower).sorted().toList() + ")");
            }
            if (!settings.allowsTarget(request.target(), hasEntry.test(request.target()))) {
                throw new CommandRefusedException(403, echo(request.target()) + " may not be commanded over MQTT"
                        + (settings.commandTargets().isEmpty()
                        ? ": it has no entry in the config (Sensor.Mqtt.CommandHeardCodifiers allows codifiers only heard)"
                        : " (Sensor.Mqtt.CommandCodifiers allows " + settings.commandTargets().stream().sorted().toList() + ")"));
            }
            service.send(request.target(), request.command(), request.value(), "mqtt").whenComplete((outcome, failure) -> {
                if (failure != null) {
                    refuse(topic, failure.getMessage());
                }
            });
            sent.incrementAndGet();
            LOG.debug("{} - MQTT {}: {} to {}", self, topic, request.command(), request.target());
        } catch (CommandRefusedException e) {
            refuse(topic, e.getMessage());
        } catch (RuntimeException e) {
            // A command that fails for any other reason must not break Paho's callback thread.
            refuse(topic, echo(e.toString()));
        }
    }

    private Request parse(String topic, String payload) {
        String rest = topic.substring(topics.prefix().length() + 1);
        int slash = rest.indexOf('/');
        String target = MqttTopics.code(rest.substring(0, slash));
        String kind = rest.substring(slash + 1);
        if (kind.equals("set")) {
            return new Request(target, Command.set, number(payload, "set"));
        }
        if (payload.startsWith("{")) {
            JsonNode json;
            try {
                json = MqttPayloads.JSON.readTree(payload);
            } catch (JsonProcessingException e) {
                throw new CommandRefusedException(400, "not valid JSON: " + echo(e.getOriginalMessage()));
            }
            JsonNode value = json.get("value");
            if (value != null && !value.isNull() && !value.isNumber()) {
                throw new CommandRefusedException(400, "'value' must be a number, not " + echo(value.toString()));
            }
            return new Request(target, Command.parse(json.path("command").asText(null)),
                    value == null || value.isNull() ? null : value.asDouble());
        }
        String[] words = payload.split("\\s+", 2);
        Command command = Command.parse(words[0]);
        return new Request(target, command, words.length > 1 ? number(words[1], command.lower()) : null);
    }

    private static Double number(String text, String command) {
        try {
            double value = Double.parseDouble(text.trim());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with what was received.
        }
        throw new CommandRefusedException(400, command + " needs a finite number, not '" + echo(text) + "'");
    }

    private void refuse(String topic, String reason) {
        refused.incrementAndGet();
        // The level after the prefix is whatever the sender chose, as long as the broker took it.
        String shown = topics.prefix() + "/" + echo(topic.substring(topics.prefix().length() + 1));
        refusals.warn("refused", "{} - MQTT command on {} refused: {}", self, shown, reason);
        ObjectNode error = MqttPayloads.JSON.createObjectNode();
        error.put("topic", shown);
        error.put("error", reason);
        queue.offer(Outgoing.notice(topics.bridgeError(), error.toString()));
        wake.run();
    }

    long refused() {
        return refused.get();
    }

    long sent() {
        return sent.get();
    }
}
