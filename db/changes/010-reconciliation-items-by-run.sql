--liquibase formatted sql

--changeset traffic-rules:010-reconciliation-items-by-run
-- A run's items, one row a run with a column of arrays a field, in the run's order, instead of a row an item: as
-- rows, a channel-day's 600 items cost PostgreSQL about 9 ms more a run (pgbench on the embedded PostgreSQL 17: a
-- foreign-key check and two index entries each, the index on class a long run of equal keys). They are written
-- once with their run and read back whole; unnest(...) with ordinality gives them as rows. The run links to its
-- decision.
create table reconciliation_run_items (
    run_id    uuid     primary key references reconciliation_run (id),
    avail_ids text[]   not null,
    spot_ids  text[]   not null,
    event_ids text[]   not null,
    classes   text[]   not null,
    drift_ms  bigint[] not null,
    reasons   text[]   not null
);
insert into reconciliation_run_items
select run_id, array_agg(avail_id order by position), array_agg(spot_id order by position), array_agg(event_id order by position),
       array_agg(class order by position), array_agg(drift_ms order by position), array_agg(reason order by position)
  from reconciliation_item group by run_id;
drop table reconciliation_item;
