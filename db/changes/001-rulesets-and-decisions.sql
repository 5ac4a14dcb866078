--liquibase formatted sql

--changeset traffic-rules:001-ruleset-version
create table ruleset_version (
    id           bigint generated always as identity primary key,
    label        text        not null,
    hash         text        not null check (length(hash) = 64),
    status       text        not null check (status in ('PROPOSED', 'REJECTED', 'APPROVED', 'ACTIVE', 'RETIRED')),
    created_at   timestamptz not null,
    created_by   text        not null,
    note         text,
    approved_by  text,
    approved_at  timestamptz,
    activated_at timestamptz,
    activated_by text
);
create index ruleset_version_hash on ruleset_version (hash);
-- At most one version serves at a time.
create unique index ruleset_version_one_active on ruleset_version (status) where status = 'ACTIVE';

--changeset traffic-rules:001-ruleset-file
create table ruleset_file (
    ruleset_id bigint   not null references ruleset_version (id),
    path       text     not null,
    sha256     text     not null check (length(sha256) = 64),
    content    text     not null,
    primary key (ruleset_id, path)
);

--changeset traffic-rules:001-decision
create table decision (
    id          uuid        primary key,
    kind        text        not null,
    channel     text,
    created_at  timestamptz not null,
    caller      text        not null,
    ruleset_id  bigint      not null references ruleset_version (id),
    fired_rules text[]      not null,
    request     jsonb       not null,
    outcome     jsonb       not null
);
create index decision_created_at on decision (created_at desc);
create index decision_kind_created_at on decision (kind, created_at desc);
create index decision_channel_created_at on decision (channel, created_at desc);
create index decision_ruleset_created_at on decision (ruleset_id, created_at desc);
