-- Read models rebuilt blue/green (ADR 008). Every version of a rebuildable read model has storage of its own (tables
-- order_view_vN, or Elasticsearch index products-vN); readers use the stable names, which are switched to a new
-- version in one transaction (a view here, an alias in Elasticsearch) once it is built and checked.
create table read_model_version (
    read_model  varchar(64) not null,
    version     integer     not null,
    state       varchar(16) not null check (state in ('BUILDING', 'SERVING', 'RETIRED', 'FAILED')),
    -- the global position the version was built up to from the event table; null for the first version
    position    bigint,
    created_at  timestamptz not null default now(),
    switched_at timestamptz,
    dropped_at  timestamptz,
    primary key (read_model, version)
);

-- At most one version serves each read model.
create unique index read_model_version_serving on read_model_version (read_model) where state = 'SERVING';

-- The live tables become version 1; their triggers, indexes and rows move with them. The views keep every existing
-- query working, and simple views stay writable.
alter table order_view rename to order_view_v1;
alter table order_status_change rename to order_status_change_v1;
create view order_view as select * from order_view_v1;
create view order_status_change as select * from order_status_change_v1;

insert into read_model_version (read_model, version, state)
values ('order-views', 1, 'SERVING'), ('product-search', 1, 'SERVING');
