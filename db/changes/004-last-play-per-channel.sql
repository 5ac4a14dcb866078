--liquibase formatted sql

--changeset traffic-rules:004-channel-asset-last-play splitStatements:false
-- Each asset's latest play per channel, kept by the play log itself: fills take candidates least recently
-- played first, and reading that order from an index beats probing the log once per asset per break.
create table channel_asset_last_play (
    channel_slug   text        not null,
    asset_uuid     uuid        not null references assets (uuid) on delete cascade,
    last_played_at timestamptz not null,
    primary key (channel_slug, asset_uuid)
);
create index channel_asset_last_play_order on channel_asset_last_play (channel_slug, last_played_at, asset_uuid);

create function remember_last_plays() returns trigger language plpgsql as $$
begin
    insert into channel_asset_last_play (channel_slug, asset_uuid, last_played_at)
    select channel_slug, asset_uuid, max(played_at) from new_plays group by channel_slug, asset_uuid
    on conflict (channel_slug, asset_uuid)
        do update set last_played_at = greatest(channel_asset_last_play.last_played_at, excluded.last_played_at);
    return null;
end;
$$;

create trigger traffic_play_log_remembers_last_plays
    after insert on traffic_play_log
    referencing new table as new_plays
    for each statement execute function remember_last_plays();

insert into channel_asset_last_play (channel_slug, asset_uuid, last_played_at)
select channel_slug, asset_uuid, max(played_at) from traffic_play_log group by channel_slug, asset_uuid;
