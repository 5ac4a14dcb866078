--liquibase formatted sql

--changeset traffic-rules:011-rating-deliveries-index-only
-- The rolling ratio sums a contract's delivered GRPs in one market over stretches of air time. With what it counts in
-- the index, PostgreSQL reads those sums from the index alone instead of visiting each spot's row (a wide one: its
-- payload and result as JSON); the index it replaces had only the key.
create index rating_deliveries on rating (contract_id, market, aired_start)
    include (status, actual_grps, contracted_grps, idempotency_key);
drop index rating_contract_market_aired;
