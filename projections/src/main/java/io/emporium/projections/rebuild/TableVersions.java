package io.emporium.projections.rebuild;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every read model kept in PostgreSQL does alike when it is rebuilt: tables {@code name_vN} per version, which
 * readers see through views of the plain names.
 *
 * @param tables  the tables readers see, dependent ones (lines) before the ones they reference
 * @param staging tables a build fills on its way, dropped by {@code complete} or with a failed version
 * @param channel where the read model announces its changes, told of the switch by a notice without an id; or null
 */
public record TableVersions(JdbcTemplate jdbc, List<String> tables, List<String> staging, @Nullable String channel) {

    /**
     * Points every view at {@code version}, inside the transaction that records the switch. Lock waits are bounded:
     * a switch that cannot get its locks fails and leaves the serving version as it is.
     */
    public void switchTo(int version) {
        var statements = Stream.concat(Stream.of("set local lock_timeout = '5s';"), tables.stream()
                .map(table -> "create or replace view %1$s as select * from %1$s_v%2$d;".formatted(table, version)));
        if (channel != null) {
            statements = Stream.concat(statements, Stream.of(
                    "select pg_notify('%s', '{\"id\": null, \"status\": null, \"position\": 0}');".formatted(channel)));
        }
        jdbc.execute(statements.collect(Collectors.joining("\n")));
    }

    /** Drops the tables of {@code version}; nothing if they are gone already. */
    public void drop(int version) {
        jdbc.execute(Stream.concat(staging.stream(), tables.stream())
                .map(table -> "drop table if exists %s_v%d;".formatted(table, version))
                .collect(Collectors.joining("\n")));
    }
}
