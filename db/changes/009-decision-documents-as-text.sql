--liquibase formatted sql

--changeset traffic-rules:009-decision-documents-as-text
-- json checked every document as it came in: for a reconciled channel-day (a 230 KB request, an 80 KB outcome)
-- that was about 3 ms of PostgreSQL's CPU, a quarter of all it spent on the run. The only writer is the service,
-- which writes them with its JSON mapper, and nothing queries inside them, so they are kept as text: the same
-- bytes, stored the same way (json is text checked on the way in), read back the same.
alter table decision alter column request type text,
                     alter column outcome type text;
