package org.jphmesh.sensor.calc;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.parser.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.sensor.driver.LatestValues;

/**
 * An EvalEx expression over {@code {{XX}}} references to the latest values heard, compiled once at load:
 * what a calculated output, a calculated command and an alert's threshold compute.
 */
public record Formula(String source, Expression expression, Map<String, Codifier> inputs) {

    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([^}\\s]{2})\\s*}}");
    // One for all: EvalEx builds a whole function dictionary per configuration, which per expression cost an alerts
    // node with 1,000 rules more than the sensor node's 16 MB heap.
    private static final ExpressionConfiguration CONFIGURATION = ExpressionConfiguration.defaultConfiguration();

    /** What one evaluation gave: a value, or the input not heard yet, or why it failed. */
    public record Result(double value, Codifier missing, String error) {

        public boolean ok() {
            return missing == null && error == null;
        }
    }

    public Formula {
        inputs = Map.copyOf(inputs);
    }

    /** Compiles {@code source}; a reference that is not a codifier or a syntax error names {@code label}. */
    public static Formula compile(String source, String label) {
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
        Expression expression = new Expression(rewritten.toString(), CONFIGURATION);
        try {
            expression.validate();
        } catch (ParseException e) {
            throw new ConfigException(label + " is not a valid expression: " + e.getMessage());
        }
        return new Formula(source, expression, inputs);
    }

    /** Evaluates over the latest values; an input never heard is reported, not guessed. */
    public Result evaluate(LatestValues latest) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Codifier> input : inputs.entrySet()) {
            OptionalDouble value = latest.get(input.getValue());
            if (value.isEmpty()) {
                return new Result(Double.NaN, input.getValue(), null);
            }
            values.put(input.getKey(), value.getAsDouble());
        }
        try {
            return new Result(expression.copy().withValues(values).evaluate().getNumberValue().doubleValue(), null, null);
        } catch (EvaluationException | ParseException | ArithmeticException e) {
            return new Result(Double.NaN, null, String.valueOf(e.getMessage()));
        }
    }

    private static String variable(Codifier codifier) {
        StringBuilder name = new StringBuilder("jph_");
        for (char c : codifier.value().toCharArray()) {
            name.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "x" + Integer.toHexString(c));
        }
        return name.toString();
    }
}
