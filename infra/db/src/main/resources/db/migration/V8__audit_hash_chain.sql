-- The tamper-evident hash chain over domain_event_entry (see docs/adr/006-hash-chain-in-observed-order.md).
-- Events are linked in the order the chain builder first sees them committed, not in global_index order: a lower
-- global_index can commit after higher ones, and a rolled-back insert leaves a gap for ever.
create table audit_chain_link (
    -- The chain's own order, dense from 1; link n covers its row and link n - 1.
    link        bigint      primary key,
    position    bigint      not null unique,
    hash        char(64)    not null,
    linked_at   timestamptz not null
);

-- Chain heads recorded from time to time: a copy kept outside the database makes a rewrite of the links evident.
create table audit_chain_head (
    link        bigint      primary key,
    position    bigint      not null,
    hash        char(64)    not null,
    recorded_at timestamptz not null
);

-- One row: where the builder stands. settled_through: every row at or below it is linked or can never appear, since
-- no transaction that could still commit it runs any more. candidate: the highest position seen at candidate_seen_at,
-- settled once every transaction running then has ended.
create table audit_chain_state (
    id                 boolean     primary key default true check (id),
    last_link          bigint      not null,
    last_hash          char(64)    not null,
    settled_through    bigint      not null,
    candidate          bigint,
    candidate_seen_at  timestamptz
);

insert into audit_chain_state (last_link, last_hash, settled_through)
values (0, repeat('0', 64), 0);
