--liquibase formatted sql

--changeset traffic-rules:008-asset-billing-code
-- The billing code an asset is sold under, carried into the planned rows reconciliation reads from the fill's plan.
alter table assets add column billing_code text;

--changeset traffic-rules:008-transmission-log-by-start
-- A reconciliation reads one channel's filled blocks of a broadcast day.
create index transmission_log_channel_start on transmission_log (channel_slug, start_at);

--changeset traffic-rules:008-reconciliation-runs
-- One row per run. body_sha256 is the idempotency key: the same body (or file) again finds the earlier run.
create table reconciliation_run (
    id             uuid        primary key,
    channel        text        not null,
    broadcast_date date        not null,
    source         text        not null check (source in ('json', 'csv', 'retrovue-jsonl')),
    body_sha256    text        not null unique,
    decision_id    uuid        not null,
    response       json        not null,
    created_at     timestamptz not null
);
create index reconciliation_run_channel_date on reconciliation_run (channel, broadcast_date);

-- Each item of a run, linked to the decision that classified it, so a class can be looked up across runs.
create table reconciliation_item (
    run_id      uuid    not null references reconciliation_run (id),
    position    integer not null,
    decision_id uuid    not null,
    avail_id    text,
    spot_id     text,
    event_id    text,
    class       text    not null,
    drift_ms    bigint,
    reason      text,
    primary key (run_id, position)
);
create index reconciliation_item_class on reconciliation_item (class, run_id);
