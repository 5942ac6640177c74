-- The analytics read models become rebuildable blue/green (ADR 008): the live tables are version 1 and readers use
-- the plain names through views. Indexes, keys and the cart lines' foreign key move with their tables.
alter table analytics_sales_hourly rename to analytics_sales_hourly_v1;
alter table analytics_sales_daily rename to analytics_sales_daily_v1;
alter table analytics_funnel_daily rename to analytics_funnel_daily_v1;
alter table analytics_cart_line rename to analytics_cart_line_v1;
alter table analytics_cart rename to analytics_cart_v1;
alter table analytics_order_line rename to analytics_order_line_v1;
alter table analytics_order rename to analytics_order_v1;

create view analytics_sales_hourly as select * from analytics_sales_hourly_v1;
create view analytics_sales_daily as select * from analytics_sales_daily_v1;
create view analytics_funnel_daily as select * from analytics_funnel_daily_v1;
create view analytics_cart_line as select * from analytics_cart_line_v1;
create view analytics_cart as select * from analytics_cart_v1;
create view analytics_order_line as select * from analytics_order_line_v1;
create view analytics_order as select * from analytics_order_v1;

insert into read_model_version (read_model, version, state) values ('analytics', 1, 'SERVING');
