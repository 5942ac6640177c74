package io.emporium.projections.rebuild;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One {@code COPY ... FREEZE} into a new version's table, fed by the rows of every part of a build at once. The table
 * is emptied by {@code TRUNCATE} in the COPY's own transaction, which lets PostgreSQL write the rows frozen and mark
 * their pages all-visible. Rows copied without it cost twice more later: the first query that reads the new version
 * (its checks) writes every page again to set hint bits, and autovacuum then reads the whole table once more. In a
 * run of {@code ./emporium bench full 4} at 10M events that vacuum of one rebuild's tables (5.5 GB) overlapped the
 * next replay, which read 85,909 events/s against 198,041 and 164,417 in the two rounds before it.
 */
public final class FrozenCopy implements AutoCloseable {

    private final CopyRows.Sink copy;
    private final boolean binary;
    private boolean finished;

    /**
     * A copy in text format.
     *
     * @param table   a table nobody else writes during the build
     * @param columns its columns in the order the rows give them
     */
    public FrozenCopy(DataSource dataSource, String table, String columns) {
        this(dataSource, table, columns, false);
    }

    /** A copy in binary format ({@link CopyRows}), into a table as {@link #FrozenCopy(DataSource, String, String)}. */
    public static FrozenCopy binary(DataSource dataSource, String table, String columns) {
        return new FrozenCopy(dataSource, table, columns, true);
    }

    private FrozenCopy(DataSource dataSource, String table, String columns, boolean binary) {
        this.binary = binary;
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("no connection to copy into " + table, e);
        }
        try {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("truncate " + table);
            }
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the truncation is rolled back as the connection closes
            }
            throw new IllegalStateException("cannot empty " + table + " to copy into it", e);
        }
        copy = CopyRows.ownCopy(connection, "copy %s (%s) from stdin (freeze%s)".formatted(table, columns,
                binary ? ", format binary" : ""), table, binary);
    }

    /** The rows of one part: its own buffer, sent in whole chunks, so that parts' rows never interleave mid-row. */
    public CopyRows part() {
        return new CopyRows(new CopyRows.Sink() {
            @Override
            public void write(byte[] bytes, int length) throws SQLException {
                send(bytes, length);
            }

            @Override
            public void close() {
                // the part is done; the copy goes on until the build finishes it
            }

            @Override
            public void abandon() {
                // a failed part fails the build, which closes the copy without committing
            }
        }, binary);
    }

    private synchronized void send(byte[] bytes, int length) throws SQLException {
        copy.write(bytes, length);
    }

    /** Ends the copy and commits it; after every part has closed. */
    public synchronized void finish() {
        try {
            copy.close();
            finished = true;
        } catch (SQLException e) {
            throw new IllegalStateException("copying rows failed", e);
        } finally {
            close();
        }
    }

    /** Gives the connection back; a copy not finished is rolled back. */
    @Override
    public synchronized void close() {
        if (!finished) {
            copy.abandon();
        }
    }
}
