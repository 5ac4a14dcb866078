/**
 * The edge of avails reconciliation: as-run rows read from what a playout system wrote, before anything is matched.
 * Pure Java: no Spring, no database, no rules.
 *
 * <ul>
 *   <li>{@link com.trafficrules.reconciliation.asrun.AsRunCsvReader}: a CSV as-run file, columns named by its header.</li>
 *   <li>{@link com.trafficrules.reconciliation.asrun.RetroVueAsRunReader}: RetroVue's {@code .asrun.jsonl}.</li>
 *   <li>{@link com.trafficrules.reconciliation.asrun.LocalTimes} and
 *       {@link com.trafficrules.reconciliation.asrun.Durations}: the time and length notations both accept.</li>
 * </ul>
 * Both readers stream: each row or {@link com.trafficrules.reconciliation.asrun.Quarantined} row goes to a consumer
 * as soon as it is read, and a bad row never stops the reading. What needs every row at once (a later row with an
 * eventId already seen, {@code DUPLICATE_ID}; matching) is the matcher's, which holds them anyway.
 */
package com.trafficrules.reconciliation.asrun;
