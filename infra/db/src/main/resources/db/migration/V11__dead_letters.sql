-- Axon's JDBC dead-letter queue (JdbcSequencedDeadLetterQueue) with snake_case names, configured in
-- EventStoreConfiguration.deadLetterSchema. An event a read-model processor cannot apply is parked here with every
-- later event of its sequence (aggregate or SKU), in the same transaction as the processor's token.
create table dead_letter_entry (
    dead_letter_id       varchar(255)  primary key,
    processing_group     varchar(255)  not null,
    -- The aggregate (or SKU) whose events wait here in order, while the other sequences of the segment move on.
    sequence_identifier  varchar(255)  not null,
    sequence_index       bigint        not null,
    message_type         varchar(255)  not null,
    event_identifier     varchar(255)  not null,
    -- Axon writes these instants as ISO-8601 text (fixed width, so they sort as they compare).
    time_stamp           varchar(255)  not null,
    payload_type         varchar(255)  not null,
    payload_revision     varchar(255),
    payload              bytea         not null,
    meta_data            bytea,
    aggregate_type       varchar(255),
    aggregate_identifier varchar(255),
    sequence_number      bigint,
    token_type           varchar(255),
    token                bytea,
    enqueued_at          varchar(255)  not null,
    last_touched         varchar(255),
    -- Set while an instance retries the sequence: others leave it alone until then plus the claim duration.
    processing_started   varchar(255),
    -- The last failure; null for a letter that only waits behind an earlier one of its sequence.
    cause_type           varchar(255),
    cause_message        varchar(1023),
    -- Serialized metadata: the retry count lives here.
    diagnostics          bytea,
    constraint dead_letter_entry_sequence unique (processing_group, sequence_identifier, sequence_index)
);

-- The processor's next retry takes the sequence touched longest ago.
create index dead_letter_entry_last_touched on dead_letter_entry (processing_group, last_touched);
