--liquibase formatted sql

--changeset traffic-rules:007-avails
-- Future inventory a make-good may be routed into. booked_* is what the traffic system last said (PUT /avails);
-- remaining_ms and product_codes are that minus, and plus, the make-goods reserved here, so routing reads one row.
create table avail (
    id                   text             primary key,
    market               text             not null,
    program_id           text,
    start_at             timestamptz      not null,
    duration_ms          bigint           not null check (duration_ms > 0),
    booked_remaining_ms  bigint           not null check (booked_remaining_ms >= 0),
    booked_product_codes text[]           not null,
    remaining_ms         bigint           not null check (remaining_ms >= 0),
    product_codes        text[]           not null,
    estimated_grps       double precision not null check (estimated_grps >= 0),
    updated_at           timestamptz      not null
);
create index avail_market_start on avail (market, start_at);

--changeset traffic-rules:007-ratings
-- One row per idempotency key: the primary key is what makes a replayed payload, on any replica, find the first
-- answer instead of deciding again. final = false (INSUFFICIENT_DATA, ROUTING_FAILED) lets the key be decided again.
-- A batch claims its keys (status EVALUATING, no decision yet) before deciding them and writes the answer in the
-- same transaction. An order belongs to the rating row of its key, and through it to the decision that made it.
create table rating (
    idempotency_key text             primary key,
    spot_id         text             not null,
    market          text             not null,
    contract_id     text,
    aired_start     timestamptz      not null,
    contracted_grps double precision not null,
    actual_grps     double precision,
    status          text             not null,
    final           boolean          not null,
    result          json             not null,
    payload         json             not null,
    escalation      json,
    decision_id     uuid,
    evaluated_at    timestamptz      not null,
    attempts        integer          not null,
    retry_at        timestamptz
);
-- The rolling ratio reads a contract's payloads in one market over a span of air times.
create index rating_contract_market_aired on rating (contract_id, market, aired_start);
create index rating_retry_at on rating (retry_at) where retry_at is not null;
create index rating_escalated on rating (evaluated_at desc) where status in ('COMPLIANCE_VIOLATION', 'ROUTING_FAILED');

--changeset traffic-rules:007-make-good-orders
create table makegood_order (
    order_id        text        primary key,
    idempotency_key text        not null unique,
    market          text        not null,
    status          text        not null check (status in ('ISSUED', 'DELIVERED', 'CANCELLED')),
    body            json        not null,
    emitted_at      timestamptz not null
);
create index makegood_order_market_status on makegood_order (market, status);

create table makegood_reservation (
    order_id      text        not null references makegood_order (order_id),
    avail_id      text        not null references avail (id),
    start_at      timestamptz not null,
    duration_ms   bigint      not null,
    product_codes text[]      not null,
    released_at   timestamptz,
    primary key (order_id, avail_id)
);
create index makegood_reservation_avail on makegood_reservation (avail_id) where released_at is null;

create table makegood_order_event (
    id       bigserial   primary key,
    order_id text        not null references makegood_order (order_id),
    at       timestamptz not null,
    by       text        not null,
    type     text        not null,
    reason   text
);
create index makegood_order_event_order on makegood_order_event (order_id, id);

--changeset traffic-rules:007-make-good-outbox
-- Written in the order's own transaction, so an order is delivered if and only if it was committed.
create table makegood_outbox (
    order_id        text        primary key references makegood_order (order_id),
    next_attempt_at timestamptz not null,
    attempts        integer     not null default 0,
    done_at         timestamptz
);
create index makegood_outbox_due on makegood_outbox (next_attempt_at) where done_at is null;

create table makegood_delivery_attempt (
    id          bigserial   primary key,
    order_id    text        not null references makegood_order (order_id),
    at          timestamptz not null,
    http_status integer,
    outcome     text        not null,
    detail      text
);
create index makegood_delivery_attempt_order on makegood_delivery_attempt (order_id, id);
