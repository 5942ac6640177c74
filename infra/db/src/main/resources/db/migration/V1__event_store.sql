-- Axon's JDBC event store, token store and snapshots, with snake_case names (configured in EventStoreConfiguration).

-- Every event of every aggregate, in commit order. global_index is the position read models and exports track.
create table domain_event_entry (
    global_index         bigserial    primary key,
    event_identifier     varchar(255) not null unique,
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255),
    timestamp            varchar(255) not null,
    payload_type         varchar(255) not null,
    payload_revision     varchar(255),
    payload              bytea        not null,
    meta_data            bytea,
    -- Two writers deciding on the same aggregate version: exactly one wins, the other gets a concurrency error.
    constraint domain_event_entry_aggregate_sequence unique (aggregate_identifier, sequence_number)
);

create table snapshot_event_entry (
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255) not null,
    event_identifier     varchar(255) not null unique,
    timestamp            varchar(255) not null,
    payload_type         varchar(255) not null,
    payload_revision     varchar(255),
    payload              bytea        not null,
    meta_data            bytea,
    primary key (aggregate_identifier, sequence_number)
);

-- How far each event processor segment has read; updated in the same transaction as the read model it feeds.
create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    token          bytea,
    token_type     varchar(255),
    timestamp      varchar(255),
    owner          varchar(255),
    primary key (processor_name, segment)
);
