--liquibase formatted sql

--changeset traffic-rules:005-fill-memory-versions splitStatements:false
-- A replica keeps the asset library and each channel's least-recently-played order in memory between fills.
-- These counters move with every change to what that memory mirrors, so a fill, holding its channel's lock,
-- can tell in one read whether its replica's copy is still the database's. A statement that inserts plays of
-- a channel moves its counter by exactly one (a fill counts on that); deletes, updates and truncates move it too.
create table channel_play_version (
    channel_slug text   primary key,
    version      bigint not null
);
create table asset_library_version (
    singleton boolean primary key default true check (singleton),
    version   bigint  not null
);
insert into asset_library_version (version) values (0);

create function count_channel_play_changes() returns trigger language plpgsql as $$
begin
    insert into channel_play_version (channel_slug, version)
    select distinct channel_slug, 1 from changed_plays
    on conflict (channel_slug) do update set version = channel_play_version.version + 1;
    return null;
end;
$$;

create trigger traffic_play_log_counts_inserts after insert on traffic_play_log
    referencing new table as changed_plays for each statement execute function count_channel_play_changes();
create trigger traffic_play_log_counts_deletes after delete on traffic_play_log
    referencing old table as changed_plays for each statement execute function count_channel_play_changes();
create trigger traffic_play_log_counts_updates_from after update on traffic_play_log
    referencing old table as changed_plays for each statement execute function count_channel_play_changes();
create trigger traffic_play_log_counts_updates_to after update on traffic_play_log
    referencing new table as changed_plays for each statement execute function count_channel_play_changes();

-- 004 keeps each asset's latest play per channel as plays are inserted; a play deleted or moved must not
-- linger there either, or a fill would see a play that no longer exists.
create function recompute_last_plays() returns trigger language plpgsql as $$
begin
    delete from channel_asset_last_play c
     using (select distinct channel_slug, asset_uuid from changed_plays) changed
     where c.channel_slug = changed.channel_slug and c.asset_uuid = changed.asset_uuid;
    insert into channel_asset_last_play (channel_slug, asset_uuid, last_played_at)
    select changed.channel_slug, changed.asset_uuid, latest.played_at
      from (select distinct channel_slug, asset_uuid from changed_plays) changed
      cross join lateral (select max(p.played_at) as played_at from traffic_play_log p
                           where p.channel_slug = changed.channel_slug and p.asset_uuid = changed.asset_uuid) latest
     where latest.played_at is not null;
    return null;
end;
$$;

create trigger traffic_play_log_forgets_deleted_last_plays after delete on traffic_play_log
    referencing old table as changed_plays for each statement execute function recompute_last_plays();
create trigger traffic_play_log_moves_updated_last_plays_from after update on traffic_play_log
    referencing old table as changed_plays for each statement execute function recompute_last_plays();
create trigger traffic_play_log_moves_updated_last_plays_to after update on traffic_play_log
    referencing new table as changed_plays for each statement execute function recompute_last_plays();

create function forget_and_count_every_play() returns trigger language plpgsql as $$
begin
    delete from channel_asset_last_play;
    update channel_play_version set version = version + 1;
    return null;
end;
$$;

create trigger traffic_play_log_counts_truncates after truncate on traffic_play_log
    for each statement execute function forget_and_count_every_play();

create function count_asset_library_changes() returns trigger language plpgsql as $$
begin
    update asset_library_version set version = version + 1;
    return null;
end;
$$;

create trigger assets_count_changes after insert or update or delete or truncate on assets
    for each statement execute function count_asset_library_changes();

insert into channel_play_version (channel_slug, version)
select distinct channel_slug, 1 from traffic_play_log;
