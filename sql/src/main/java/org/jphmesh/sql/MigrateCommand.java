package org.jphmesh.sql;

import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.Callable;
import org.jphmesh.sql.db.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jph-sql migrate}: brings the database to the current schema. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending schema migrations.")
final class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
        try (HikariDataSource pool = database.pool()) {
            int applied = Migrations.migrate(pool);
            spec.commandLine().getOut().printf("schema at version %s (%d migration%s applied)%n",
                    Migrations.currentVersion(pool), applied, applied == 1 ? "" : "s");
        }
        return 0;
    }
}
