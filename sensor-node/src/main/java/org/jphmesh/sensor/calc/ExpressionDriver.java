package org.jphmesh.sensor.calc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.DriverContext;
import org.jphmesh.sensor.driver.DriverUnavailableException;
import org.jphmesh.sensor.driver.LatestValues;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;

/**
 * {@code "Type":"PythonNinja"} (calculated values). The legacy type ran a Python template with
 * {@code exec}; this one evaluates EvalEx expressions, which can compute but cannot run code:
 * {@code "Sensor": {"Expressions": {"PB": "({{X2}} * {{A4}} + {{Y2}} * {{A5}}) / ({{X2}} + {{Y2}})"}}}.
 * {@code {{X1}}} is the latest value heard from X1 (or computed earlier in the same read, so outputs
 * can build on each other and on their own previous value, as a hysteresis needs). Outputs are the
 * entry's codifier and its proxies, evaluated in the order written. {@code Initial} gives outputs a
 * value to start from ({@code {"FQ": 0}}) for expressions that use their own previous value. The
 * expressions may also live in a JSON file named by {@code Filename}.
 */
public final class ExpressionDriver implements Driver {

    private record Output(Codifier codifier, Formula formula) {
    }

    private final List<Output> outputs = new ArrayList<>();
    private final List<CommandRule> commands = new ArrayList<>();
    private final Map<Codifier, Double> initial = new LinkedHashMap<>();
    private volatile LatestValues latest = new LatestValues();
    private volatile DriverContext context;
    private volatile CommandGate gate;

    public ExpressionDriver(SensorConfig entry, MeshConfig config) {
        ConfigBlock settings = ConfigBlock.of(entry);
        JsonNode expressions = expressions(entry, settings);
        for (Iterator<Map.Entry<String, JsonNode>> it = expressions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String label = settings.label() + ".Expressions." + field.getKey();
            Codifier output;
            try {
                output = Codifier.of(field.getKey());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(label + ": the key must be the codifier to send as");
            }
            outputs.add(new Output(output, Formula.compile(field.getValue().asText(), label)));
        }
        if (outputs.isEmpty()) {
            throw new ConfigException(settings.label() + ".Expressions must name at least one output");
        }
        if (settings.has("Initial")) {
            ConfigBlock start = settings.child("Initial");
            for (Iterator<String> it = start.json().fieldNames(); it.hasNext(); ) {
                String code = it.next();
                initial.put(Codifier.of(code), start.number(code));
            }
        }
        initial.forEach(latest::put);
        if (settings.has("Commands")) {
            JsonNode list = settings.json().get("Commands");
            if (!list.isArray()) {
                throw new ConfigException(settings.label() + ".Commands must be a list of {\"To\", \"Flag\", \"Value\"}");
            }
            for (int i = 0; i < list.size(); i++) {
                commands.add(CommandRule.read(ConfigBlock.of(list.get(i), settings.label() + ".Commands[" + i + "]"), config));
            }
        }
    }

    private static JsonNode expressions(SensorConfig entry, ConfigBlock settings) {
        if (settings.has("Expressions")) {
            return settings.child("Expressions").json();
        }
        String file = settings.optionalText("Filename").orElseThrow(() -> new ConfigException(
                settings.label() + ".Expressions is missing: {\"PB\": \"({{X2}} + {{Y2}}) / 2\", ...}"));
        if (file.endsWith(".py")) {
            throw new DriverUnavailableException("PythonNinja (" + entry.codifier() + ") ran the Python template "
                    + file + " with exec, which this mesh never does. Write the calculation as expressions over"
                    + " {{codifier}} references in Sensor.Expressions (see docs/sensors.md), e.g."
                    + " \"Expressions\": {\"PB\": \"({{X2}} * {{A4}} + {{Y2}} * {{A5}}) / ({{X2}} + {{Y2}})\"}");
        }
        try {
            JsonNode node = new ObjectMapper().readTree(Files.readString(Path.of(file)));
            if (node == null || !node.isObject()) {
                throw new ConfigException(settings.label() + ".Filename " + file + " must hold a JSON object of expressions");
            }
            return node;
        } catch (IOException e) {
            throw new ConfigException(settings.label() + ".Filename " + file + " cannot be read: " + e.getMessage());
        }
    }

    @Override
    public void start(DriverContext context) {
        this.context = context;
        this.gate = new CommandGate(context.clock());
        latest = context.latest();
        initial.forEach(latest::put);
    }

    @Override
    public ReadResult read() {
        List<Reading> readings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean onlyWaiting = true;
        for (Output output : outputs) {
            Formula.Result result = output.formula().evaluate(latest);
            if (result.missing() != null) {
                problems.add(output.codifier() + ": no value heard yet from " + result.missing());
            } else if (result.error() != null) {
                problems.add(output.codifier() + ": " + result.error());
                onlyWaiting = false;
            } else {
                latest.put(output.codifier(), result.value());
                readings.add(new Reading(output.codifier(), Readings.of(result.value())));
            }
        }
        sendCommands(problems);
        if (readings.isEmpty() && onlyWaiting) {
            // Just started: the inputs have not been heard yet. That is waiting, not failing, so no back-off.
            return ReadResult.none();
        }
        if (problems.isEmpty()) {
            return ReadResult.good(readings);
        }
        return ReadResult.withErrors(readings, String.join("; ", problems));
    }

    // After the outputs, so a command sees this read's values (the fan's duty from this read's FQ).
    private void sendCommands(List<String> problems) {
        DriverContext current = context;
        for (CommandRule command : commands) {
            Formula.Result result = command.value().evaluate(latest);
            if (!result.ok()) {
                if (result.error() != null) {
                    problems.add(command.label() + ": " + result.error());
                }
                continue;
            }
            if (current != null && gate.offer(command, result.value())) {
                current.command(command.flag(), command.to(), command.conditional() ? 0 : result.value());
            }
        }
    }
}
