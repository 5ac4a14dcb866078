--liquibase formatted sql

--changeset traffic-rules:003-ruleset-checks
-- What the compile, lint and test checks found when the version was stored; written once with the row.
alter table ruleset_version add column checks jsonb;

--changeset traffic-rules:003-ruleset-scenario
-- Scenarios submitted with a proposal (beside those in rule-tests/), kept so its test results can be reproduced.
create table ruleset_scenario (
    ruleset_id bigint not null references ruleset_version (id),
    path       text   not null,
    content    text   not null,
    primary key (ruleset_id, path)
);

--changeset traffic-rules:003-ruleset-event
-- Every status a version takes, who gave it and when. Written by the ruleset_version triggers only.
create table ruleset_event (
    id          bigint      generated always as identity primary key,
    ruleset_id  bigint      not null references ruleset_version (id),
    from_status text,
    to_status   text        not null,
    at          timestamptz not null,
    by          text        not null
);
create index ruleset_event_ruleset on ruleset_event (ruleset_id, id);

--changeset traffic-rules:003-history-is-append-only splitStatements:false
-- History rows are never rewritten. The only change the schema lets through is a ruleset version moving
-- along the workflow (PROPOSED -> APPROVED -> ACTIVE <-> RETIRED, and the start-up activation of the files on
-- disk), and each such move is recorded in ruleset_event with the actor the transaction names in the
-- setting traffic.actor. Activation also tells every replica through NOTIFY traffic_ruleset_active.
create function history_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only history: % is not allowed', tg_table_name, tg_op
        using errcode = 'restrict_violation';
end;
$$;

create trigger ruleset_file_append_only before update or delete on ruleset_file
    for each row execute function history_is_append_only();
create trigger ruleset_file_no_truncate before truncate on ruleset_file
    for each statement execute function history_is_append_only();
create trigger ruleset_scenario_append_only before update or delete on ruleset_scenario
    for each row execute function history_is_append_only();
create trigger ruleset_scenario_no_truncate before truncate on ruleset_scenario
    for each statement execute function history_is_append_only();
create trigger ruleset_event_append_only before update or delete on ruleset_event
    for each row execute function history_is_append_only();
create trigger ruleset_event_no_truncate before truncate on ruleset_event
    for each statement execute function history_is_append_only();
create trigger decision_append_only before update or delete on decision
    for each row execute function history_is_append_only();
create trigger decision_no_truncate before truncate on decision
    for each statement execute function history_is_append_only();
create trigger ruleset_version_no_delete before delete on ruleset_version
    for each row execute function history_is_append_only();
create trigger ruleset_version_no_truncate before truncate on ruleset_version
    for each statement execute function history_is_append_only();

create function ruleset_version_created() returns trigger language plpgsql as $$
begin
    -- A version starts as a proposal (or a rejected one); everything after that is a transition.
    if new.status not in ('PROPOSED', 'REJECTED') or new.approved_by is not null or new.approved_at is not null
            or new.activated_by is not null or new.activated_at is not null then
        raise exception 'a ruleset version is stored as PROPOSED or REJECTED, not %', new.status
            using errcode = 'restrict_violation';
    end if;
    insert into ruleset_event (ruleset_id, from_status, to_status, at, by)
    values (new.id, null, new.status, new.created_at, new.created_by);
    return new;
end;
$$;

create trigger ruleset_version_created after insert on ruleset_version
    for each row execute function ruleset_version_created();

create function ruleset_version_transition() returns trigger language plpgsql as $$
declare
    actor text := nullif(current_setting('traffic.actor', true), '');
begin
    if new.id is distinct from old.id or new.label is distinct from old.label or new.hash is distinct from old.hash
            or new.created_at is distinct from old.created_at or new.created_by is distinct from old.created_by
            or new.note is distinct from old.note or new.checks is distinct from old.checks then
        raise exception 'ruleset version % is history: only its status may change', old.id
            using errcode = 'restrict_violation';
    end if;
    if new.status = old.status then
        if new.approved_by is distinct from old.approved_by or new.approved_at is distinct from old.approved_at
                or new.activated_by is distinct from old.activated_by or new.activated_at is distinct from old.activated_at then
            raise exception 'ruleset version %: approval and activation are set only by a status change', old.id
                using errcode = 'restrict_violation';
        end if;
        return new;
    end if;
    if not ((old.status = 'PROPOSED' and new.status = 'APPROVED')
            or (old.status in ('APPROVED', 'RETIRED') and new.status = 'ACTIVE')
            or (old.status = 'PROPOSED' and new.status = 'ACTIVE' and new.activated_by = 'system:bootstrap')
            or (old.status = 'ACTIVE' and new.status = 'RETIRED')) then
        raise exception 'ruleset version % cannot go from % to %', old.id, old.status, new.status
            using errcode = 'restrict_violation';
    end if;
    if (new.approved_by is distinct from old.approved_by or new.approved_at is distinct from old.approved_at)
            and not (new.status = 'APPROVED' and old.approved_by is null and new.approved_by is not null
                     and new.approved_at is not null) then
        raise exception 'ruleset version %: approval is recorded once, by the move to APPROVED', old.id
            using errcode = 'restrict_violation';
    end if;
    if (new.activated_by is distinct from old.activated_by or new.activated_at is distinct from old.activated_at)
            and not (new.status = 'ACTIVE' and new.activated_by is not null and new.activated_at is not null) then
        raise exception 'ruleset version %: activation is recorded by the move to ACTIVE only', old.id
            using errcode = 'restrict_violation';
    end if;
    if actor is null then
        raise exception 'ruleset version % moves from % to %, but the transaction does not say who moves it (traffic.actor)',
            old.id, old.status, new.status using errcode = 'restrict_violation';
    end if;
    insert into ruleset_event (ruleset_id, from_status, to_status, at, by)
    values (old.id, old.status, new.status, now(), actor);
    if new.status = 'ACTIVE' then
        perform pg_notify('traffic_ruleset_active', new.id::text);
    end if;
    return new;
end;
$$;

create trigger ruleset_version_transition before update on ruleset_version
    for each row execute function ruleset_version_transition();
