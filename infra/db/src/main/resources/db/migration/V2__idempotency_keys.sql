-- A client's Idempotency-Key with the hash of the request it first came with and the response it got.
-- Written in the same transaction as the events the request caused, so a key is never stored without its effect.
create table idempotency_key (
    idempotency_key varchar(255) primary key,
    request_hash    char(64)     not null,
    response_status integer      not null,
    response_headers text        not null,
    response_body   text         not null,
    created_at      timestamptz  not null default now(),
    expires_at      timestamptz  not null
);

create index idempotency_key_expires_at on idempotency_key (expires_at);
