package org.jphmesh.sensor.calc;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.parser.ParseException;
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
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([^}\\s]{2})\\s*}}");

    private record Output(Codifier codifier, String source, Expression expression, Map<String, Codifier> inputs) {
    }

    private final List<Output> outputs = new ArrayList<>();
    private final Map<Codifier, Double> initial = new LinkedHashMap<>();
    private volatile LatestValues latest = new LatestValues();

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
            outputs.add(compile(output, field.getValue().asText(), label));
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

    private static Output compile(Codifier output, String source, String label) {
        Map<String, Codifier> inputs = new LinkedHashMap<>();
        Matcher matcher = REFERENCE.matcher(source);
        StringBuilder rewritten = new StringBuilder();
        while (matcher.find()) {
            Codifier input;
            try {
                input = Codifier.of(matcher.group(1));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(label + ": '" + matcher.group() + "' does not name a codifier");
            }
            String variable = variable(input);
            inputs.put(variable, input);
            matcher.appendReplacement(rewritten, variable);
        }
        matcher.appendTail(rewritten);
        Expression expression = new Expression(rewritten.toString());
        try {
            expression.validate();
        } catch (ParseException e) {
            throw new ConfigException(label + " is not a valid expression: " + e.getMessage());
        }
        return new Output(output, source, expression, Map.copyOf(inputs));
    }

    private static String variable(Codifier codifier) {
        StringBuilder name = new StringBuilder("jph_");
        for (char c : codifier.value().toCharArray()) {
            name.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "x" + Integer.toHexString(c));
        }
        return name.toString();
    }

    @Override
    public void start(DriverContext context) {
        latest = context.latest();
        initial.forEach(latest::put);
    }

    @Override
    public ReadResult read() {
        List<Reading> readings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean onlyWaiting = true;
        for (Output output : outputs) {
            Map<String, Object> values = new LinkedHashMap<>();
            String missing = null;
            for (Map.Entry<String, Codifier> input : output.inputs().entrySet()) {
                OptionalDouble value = latest.get(input.getValue());
                if (value.isEmpty()) {
                    missing = input.getValue().value();
                    break;
                }
                values.put(input.getKey(), value.getAsDouble());
            }
            if (missing != null) {
                problems.add(output.codifier() + ": no value heard yet from " + missing);
                continue;
            }
            try {
                double result = output.expression().copy().withValues(values).evaluate().getNumberValue().doubleValue();
                latest.put(output.codifier(), result);
                readings.add(new Reading(output.codifier(), Readings.of(result)));
            } catch (EvaluationException | ParseException | ArithmeticException e) {
                problems.add(output.codifier() + ": " + e.getMessage());
                onlyWaiting = false;
            }
        }
        if (readings.isEmpty() && onlyWaiting) {
            // Just started: the inputs have not been heard yet. That is waiting, not failing, so no back-off.
            return ReadResult.none();
        }
        if (problems.isEmpty()) {
            return ReadResult.good(readings);
        }
        return ReadResult.withErrors(readings, String.join("; ", problems));
    }
}
