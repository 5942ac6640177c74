-- Documents Elasticsearch refused for good (a mapping it cannot apply, a term too long to index): set aside with the
-- reason instead of failing their batch for ever, which would stop the whole index from receiving any change.
create table refused_document (
    index_name  text        not null,
    document_id text        not null,
    position    bigint      not null,
    status      int         not null,
    error_type  text        not null,
    reason      text        not null,
    refused_at  timestamptz not null default now(),
    primary key (index_name, document_id, position)
);
