package org.jphmesh.app.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.SecretFile;
import org.jphmesh.bus.config.SensorConfig;

/**
 * Where the PostgreSQL database is: a JDBC URL, a user and a password (read from a file, never written in
 * config.json), and the URL history reads may use. Built from an entry's {@code Sensor.SQL} block, as the legacy
 * jphPostgreSQL, Flask and jphCalcHistory entries have it ({@code Database}, {@code User}, {@code Password} naming a
 * password file, {@code Host}, optional {@code Port}), or given directly.
 *
 * <p>For a replicated database {@code Host} lists several {@code host:port}: connections go to whichever is the
 * primary (PgJDBC's {@code targetServerType=primary}), so after a failover new connections find the promoted one.
 * {@code ReadHosts} lists replicas that may answer history reads; the primary hosts stay behind them as a fallback.
 *
 * @param readUrl the URL for reads that may lag the primary by a moment; {@code url} when no replica is named
 */
public record SqlSettings(String url, String user, String password, String readUrl) {

    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+])(?::([0-9]{1,5}))?");

    public SqlSettings(String url, String user, String password) {
        this(url, user, password, url);
    }

    public SqlSettings {
        Objects.requireNonNull(url, "url");
        readUrl = readUrl == null ? url : readUrl;
        for (String each : List.of(url, readUrl)) {
            if (!each.startsWith("jdbc:postgresql://")) {
                throw new ConfigException("the database URL must start with jdbc:postgresql://, not " + each);
            }
        }
    }

    public static SqlSettings fromEntry(SensorConfig entry) {
        String label = "Sensors (" + entry.codifier() + ").Sensor.SQL";
        if (!entry.sensor().path("SQL").isObject()) {
            throw new ConfigException(label + " is missing: {\"Database\": .., \"User\": .., \"Password\": \"~/.sqlpassword\","
                    + " \"Host\": ..}");
        }
        ConfigBlock sql = ConfigBlock.of(entry).child("SQL");
        String database = required(sql, "Database");
        // It goes into a JDBC URL: a name like "jph?socketFactory=..." must not smuggle in driver options.
        if (!database.matches("[A-Za-z0-9_.$-]+")) {
            throw new ConfigException(label + ".Database must be a plain database name, not '" + database + "'");
        }
        int port = sql.port("Port", 5432);
        List<String> hosts = sql.has("Host") ? hosts(sql, "Host", port) : List.of("127.0.0.1:" + port);
        List<String> readHosts = hosts(sql, "ReadHosts", port);
        String user = required(sql, "User");
        String password = sql.optionalText("Password").map(file -> SecretFile.firstLine(file, label + ".Password")).orElse(null);
        String url = "jdbc:postgresql://" + String.join(",", hosts) + "/" + database
                + (hosts.size() > 1 ? "?targetServerType=primary" : "");
        List<String> readers = new ArrayList<>(readHosts);
        hosts.stream().filter(host -> !readers.contains(host)).forEach(readers::add);
        String readUrl = readHosts.isEmpty() ? url
                : "jdbc:postgresql://" + String.join(",", readers) + "/" + database + "?targetServerType=preferSecondary&loadBalanceHosts=true";
        return new SqlSettings(url, user, password, readUrl);
    }

    /** The same database for history reads: a replica where {@code ReadHosts} names one. */
    public SqlSettings forReads() {
        return new SqlSettings(readUrl, user, password, readUrl);
    }

    /** True when history reads go elsewhere than the primary ({@code ReadHosts} is set). */
    public boolean readsFromReplicas() {
        return !readUrl.equals(url);
    }

    // Each host (a name, an IPv4 address or a bracketed IPv6 one) with its port, the block's Port where it names none.
    private static List<String> hosts(ConfigBlock sql, String key, int port) {
        List<String> hosts = new ArrayList<>();
        for (String item : sql.texts(key)) {
            Matcher matcher = HOST_PORT.matcher(item);
            if (!matcher.matches()) {
                throw new ConfigException(sql.label() + "." + key + " must list host names or addresses, each with an optional"
                        + " :port, not '" + item + "'");
            }
            int itemPort = matcher.group(2) == null ? port : Integer.parseInt(matcher.group(2));
            if (itemPort < 1 || itemPort > 65535) {
                throw new ConfigException(sql.label() + "." + key + " has port " + itemPort + " in '" + item + "'; a port is 1..65535");
            }
            hosts.add(matcher.group(1) + ":" + itemPort);
        }
        return List.copyOf(hosts);
    }

    private static String required(ConfigBlock sql, String key) {
        String value = sql.text(key);
        if (value.isBlank()) {
            throw new ConfigException(sql.label() + "." + key + " is missing");
        }
        return value;
    }

    @Override
    public String toString() {
        return "SqlSettings[url=" + url + (readsFromReplicas() ? ", reads " + readUrl : "") + ", user=" + user
                + ", password=" + (password == null ? "none" : "****") + "]";
    }
}
