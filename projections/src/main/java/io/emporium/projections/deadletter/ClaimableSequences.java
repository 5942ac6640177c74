package io.emporium.projections.deadletter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.DefaultDeadLetterStatementFactory;
import org.axonframework.serialization.Serializer;

/**
 * Axon's dead-letter statements, with one fixed: the page of sequences a retry may claim. Axon 4.13 passes the page's
 * offset as a lower bound on the sequence index, so every page after the first comes back empty and a retry only
 * ever considers the ten sequences touched longest ago: with more parked, retrying a given one would silently find
 * nothing. Here the offset is an offset.
 */
final class ClaimableSequences<E extends EventMessage<?>> extends DefaultDeadLetterStatementFactory<E> {

    private final DeadLetterSchema schema;

    ClaimableSequences(DeadLetterSchema schema, Serializer serializer) {
        super(DefaultDeadLetterStatementFactory.<E>builder().schema(schema).genericSerializer(serializer)
                .eventSerializer(serializer));
        this.schema = schema;
    }

    @Override
    public PreparedStatement claimableSequencesStatement(Connection connection, String processingGroup,
                                                         Instant processingStartedLimit, int offset, int maxSize)
            throws SQLException {
        var sql = "select * from " + schema.deadLetterTable() + " dl"
                + " where dl." + schema.processingGroupColumn() + " = ?"
                + " and dl." + schema.sequenceIndexColumn() + " = (select min(dl2." + schema.sequenceIndexColumn()
                + ") from " + schema.deadLetterTable() + " dl2"
                + " where dl2." + schema.processingGroupColumn() + " = dl." + schema.processingGroupColumn()
                + " and dl2." + schema.sequenceIdentifierColumn() + " = dl." + schema.sequenceIdentifierColumn() + ")"
                + " and (dl." + schema.processingStartedColumn() + " is null or dl."
                + schema.processingStartedColumn() + " < ?)"
                + " order by dl." + schema.lastTouchedColumn() + ", dl." + schema.sequenceIdentifierColumn()
                + " limit ? offset ?";
        var statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setString(1, processingGroup);
        statement.setString(2, DateTimeUtils.formatInstant(processingStartedLimit));
        statement.setInt(3, maxSize);
        statement.setInt(4, offset);
        return statement;
    }
}
