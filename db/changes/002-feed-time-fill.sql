--liquibase formatted sql

--changeset traffic-rules:002-assets
create table assets (
    uuid           uuid        primary key default gen_random_uuid(),
    uri            text        not null unique,
    title          text,
    type           text        not null check (type in ('commercial', 'promo', 'station_id', 'psa', 'stinger', 'bumper', 'filler')),
    duration_ms    bigint      not null check (duration_ms > 0),
    state          text        not null default 'ready' check (state in ('ready', 'pulled')),
    cooldown_group text
);

--changeset traffic-rules:002-traffic-play-log
create table traffic_play_log (
    id           uuid        primary key default gen_random_uuid(),
    channel_slug text        not null,
    asset_uuid   uuid        not null references assets (uuid) on delete cascade,
    asset_uri    text        not null,
    asset_type   text        not null,
    played_at    timestamptz not null,
    break_index  integer,
    block_id     text,
    duration_ms  bigint      not null
);
create index traffic_play_log_channel_played_at on traffic_play_log (channel_slug, played_at);
create index traffic_play_log_channel_asset_played_at on traffic_play_log (channel_slug, asset_uuid, played_at);

--changeset traffic-rules:002-transmission-log
create table transmission_log (
    id           uuid        primary key default gen_random_uuid(),
    channel_slug text        not null,
    block_id     text        not null,
    start_at     timestamptz not null,
    end_at       timestamptz not null,
    request_hash text        not null,
    segments     jsonb       not null,
    response     jsonb       not null,
    created_at   timestamptz not null,
    unique (channel_slug, block_id)
);

--changeset traffic-rules:002-compiled-block
create table compiled_block (
    id           uuid        primary key default gen_random_uuid(),
    channel_slug text        not null,
    block_id     text        not null,
    request_hash text        not null,
    block        jsonb       not null,
    created_at   timestamptz not null,
    unique (channel_slug, block_id)
);
