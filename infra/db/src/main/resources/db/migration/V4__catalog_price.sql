-- The catalog's current prices as the command side needs them to price cart lines, kept by a subscribing event
-- processor inside the very transaction that records each catalog event, so it never lags behind the catalog.
create table catalog_price (
    sku         varchar(64) primary key,
    price_minor bigint      not null,
    currency    char(3)     not null,
    on_sale     boolean     not null
);
