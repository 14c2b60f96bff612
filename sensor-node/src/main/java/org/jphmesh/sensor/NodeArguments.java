package org.jphmesh.sensor;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.help.HelpFormatter;
import org.apache.commons.cli.help.TextHelpAppendable;

/**
 * The command line of {@code sensor-node.jar}: {@code -c Q1[,Q2...] [-u CONFIG] [-I IFACE]}, {@code --runnable},
 * {@code --help}, {@code --version}.
 *
 * @param codes         the codifiers to run (empty with {@code --runnable}, {@code --help} or {@code --version})
 * @param config        config.json path or http(s) URL
 * @param interfaceName the interface for both buses, overriding {@code Multicast.Interface}; null keeps it
 */
record NodeArguments(List<String> codes, String config, String interfaceName, boolean listRunnable, boolean help,
                     boolean version) {

    static final String VERSION = "sensor-node 0.1.0";

    private static final Options OPTIONS = new Options()
            .addOption(Option.builder("c").longOpt("code").hasArg().argName("CODE")
                    .desc("the codifier of the entry to run, e.g. Q1; several, comma-separated, share one JVM").get())
            .addOption(Option.builder("u").longOpt("config").hasArg().argName("CONFIG")
                    .desc("config.json path or http(s) URL (default: config.json)").get())
            .addOption(Option.builder("I").longOpt("interface").hasArg().argName("IFACE")
                    .desc("network interface for both buses, overriding Multicast.Interface").get())
            .addOption(Option.builder().longOpt("runnable")
                    .desc("list the codifiers in the config this build can run, and exit").get())
            .addOption(Option.builder("h").longOpt("help").desc("show this help and exit").get())
            .addOption(Option.builder("V").longOpt("version").desc("print the version and exit").get());

    /** Parses {@code args}; a usage mistake throws with a message that says what was wrong. */
    static NodeArguments parse(String... args) throws ParseException {
        CommandLine line = DefaultParser.builder().get().parse(OPTIONS, args);
        if (!line.getArgList().isEmpty()) {
            throw new ParseException("unexpected argument " + line.getArgList().get(0) + ": the codifier goes after -c");
        }
        List<String> codes = new ArrayList<>();
        for (String value : line.hasOption("c") ? line.getOptionValues("c") : new String[0]) {
            codes.addAll(List.of(value.split(",", -1)));
        }
        return new NodeArguments(List.copyOf(codes), line.getOptionValue("u", "config.json"), line.getOptionValue("I"),
                line.hasOption("runnable"), line.hasOption("h"), line.hasOption("V"));
    }

    static void printHelp(PrintStream out) {
        try {
            HelpFormatter.builder().setShowSince(false).setHelpAppendable(new TextHelpAppendable(out)).get()
                    .printHelp("sensor-node -c CODE[,CODE...] [-u CONFIG] [-I IFACE] | --runnable [-u CONFIG]",
                            "Run the sensor of one config.json entry as a node on the JPH mesh.", OPTIONS,
                            "Exit codes: 0 clean stop, 2 usage or config error, 3 replaced by a newer instance of"
                                    + " the codifier, 4 the network not ready yet", false);
        } catch (IOException e) {
            out.println(VERSION + ": " + e.getMessage());
        }
    }
}
