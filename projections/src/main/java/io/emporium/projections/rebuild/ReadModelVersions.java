package io.emporium.projections.rebuild;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which version of each rebuildable read model serves, and what became of the others (table read_model_version,
 * migration V12). A read model in PostgreSQL records its switch in the same transaction as the switch itself.
 */
public final class ReadModelVersions {

    private final JdbcTemplate jdbc;

    public ReadModelVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The version readers see now. */
    public int serving(String readModel) {
        var versions = jdbc.queryForList("select version from read_model_version where read_model = ? and state = "
                + "'SERVING'", Integer.class, readModel);
        if (versions.isEmpty()) {
            throw new IllegalStateException("no version of " + readModel + " serves");
        }
        return versions.getFirst();
    }

    /** Records a new version being built and returns its number, one above every earlier one. */
    int begin(String readModel) {
        return jdbc.queryForObject("""
                insert into read_model_version (read_model, version, state)
                select ?, coalesce(max(version), 0) + 1, 'BUILDING' from read_model_version where read_model = ?
                returning version
                """, Integer.class, readModel, readModel);
    }

    void builtUpTo(String readModel, int version, long position) {
        jdbc.update("update read_model_version set position = ? where read_model = ? and version = ?", position,
                readModel, version);
    }

    /** The serving version retires and the new one serves; inside the caller's transaction. */
    void switched(String readModel, int serving, int version) {
        jdbc.update("""
                update read_model_version set state = 'RETIRED', switched_at = now()
                 where read_model = ? and version = ? and state = 'SERVING'
                """, readModel, serving);
        var updated = jdbc.update("""
                update read_model_version set state = 'SERVING', switched_at = now()
                 where read_model = ? and version = ? and state = 'BUILDING'
                """, readModel, version);
        if (updated != 1) {
            throw new IllegalStateException(readModel + " v" + version + " is not being built");
        }
    }

    void failed(String readModel, int version) {
        jdbc.update("update read_model_version set state = 'FAILED' where read_model = ? and version = ? "
                + "and state = 'BUILDING'", readModel, version);
    }

    void dropped(String readModel, int version) {
        jdbc.update("update read_model_version set dropped_at = now() where read_model = ? and version = ?",
                readModel, version);
    }

    /** Versions that do not serve and whose storage may still exist: left by a failure, a restart or a switch. */
    List<Integer> leftovers(String readModel) {
        return jdbc.queryForList("""
                select version from read_model_version
                 where read_model = ? and state <> 'SERVING' and dropped_at is null order by version
                """, Integer.class, readModel);
    }
}
