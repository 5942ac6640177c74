package io.emporium.projections.rebuild;

import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which version of a read model kept in PostgreSQL a projection writes, as that version's statements: the serving
 * one, looked up on the first event, until a rebuild retargets it; or, for a rebuild's own live processor, the
 * version it builds.
 *
 * @param <S> the statements (table names) of one version
 */
public final class WrittenVersion<S> {

    private final JdbcTemplate jdbc;
    private final String readModel;
    private final IntFunction<S> statements;
    private volatile @Nullable S current;

    private WrittenVersion(JdbcTemplate jdbc, String readModel, IntFunction<S> statements, @Nullable S current) {
        this.jdbc = jdbc;
        this.readModel = readModel;
        this.statements = statements;
        this.current = current;
    }

    /** The serving version, whichever it is when the first event comes. */
    public static <S> WrittenVersion<S> serving(JdbcTemplate jdbc, String readModel, IntFunction<S> statements) {
        return new WrittenVersion<>(jdbc, readModel, statements, null);
    }

    /** One given version, as a rebuild's processor writes it while it is new. */
    public static <S> WrittenVersion<S> of(JdbcTemplate jdbc, String readModel, IntFunction<S> statements,
                                           int version) {
        return new WrittenVersion<>(jdbc, readModel, statements, statements.apply(version));
    }

    /** From now on writes {@code version}; called while the projection's processor is stopped. */
    public void retarget(int version) {
        current = statements.apply(version);
    }

    public S statements() {
        var written = current;
        if (written == null) {
            written = statements.apply(new ReadModelVersions(jdbc).serving(readModel));
            current = written;
        }
        return written;
    }
}
