-- Axon's JDBC saga store (snake_case, configured in EventStoreConfiguration).
create table saga_entry (
    saga_id         varchar(255) primary key,
    revision        varchar(255),
    saga_type       varchar(255),
    serialized_saga bytea
);

create table association_value_entry (
    id                bigserial    primary key,
    association_key   varchar(255) not null,
    association_value varchar(255),
    saga_type         varchar(255),
    saga_id           varchar(255)
);

create index association_value_entry_lookup on association_value_entry (saga_type, association_key, association_value);
create index association_value_entry_saga on association_value_entry (saga_id, saga_type);

-- When an order still unpaid is called off. Written and removed by the checkout process in its own transaction,
-- swept by every engine instance (rows are claimed with skip locked), so a deadline survives restarts and fires once.
create table checkout_deadline (
    order_id varchar(255) primary key,
    due_at   timestamptz  not null
);

create index checkout_deadline_due on checkout_deadline (due_at);
