--liquibase formatted sql

--changeset traffic-rules:005-fill-memory-versions splitStatements:false
-- A replica keeps the asset library and each channel's least-recently-played order in memory between fills.
-- These counters move with every change to what that memory mirrors, so a fill, holding its channel's lock,
-- can tell in one read whether its replica's copy is still the database's. A channel's counter moves by
-- exactly one per statement that inserts, updates or deletes any of its plays (a fill counts on that).
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

create function count_every_channel_play_change() returns trigger language plpgsql as $$
begin
    update channel_play_version set version = version + 1;
    return null;
end;
$$;

create trigger traffic_play_log_counts_truncates after truncate on traffic_play_log
    for each statement execute function count_every_channel_play_change();

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
