--liquibase formatted sql

--changeset traffic-rules:012-rating-delivered-index
-- The rolling ratio counts only the spots that delivered something measurable. A batch claims its keys as EVALUATING
-- and writes their answers in the same transaction, so the index of every rating held each claim's dead version too,
-- and the sums visited its row to learn that. An index of the counted rows alone holds one entry a spot. The sums
-- may use it only while their condition (RatingStore's DELIVERED) names no status that this one lacks.
create index rating_delivered on rating (contract_id, market, aired_start)
    include (actual_grps, contracted_grps, idempotency_key)
    where actual_grps is not null and status in ('WITHIN_TOLERANCE', 'COMPLIANCE_VIOLATION', 'TRIGGERED', 'ROUTING_FAILED');
drop index rating_deliveries;
