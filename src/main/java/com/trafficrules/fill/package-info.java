/**
 * Feed-time fill: a compiled block's filler placeholders filled about 30 minutes before air, under the channel's
 * policy and the play log as it really is. The sub-packages: {@code asset} (the library), {@code playlog} (every
 * play, and what a replica remembers of it between fills), {@code block} (a block's request and segments, compiling blocks, the transmission log); {@code facts} are
 * what {@code rules/fill/} reads.
 *
 * <p>One fill, from the request to the answer:
 * <ol>
 *   <li>{@code FillController} takes {@code POST /api/v1/channels/{slug}/blocks/fill}; {@code BlockRequests} checks it.</li>
 *   <li>{@code FillService} reads the active ruleset once and the channel's {@code ChannelPolicy} from it.</li>
 *   <li>{@code FillMemory.hold} takes this replica's turn at the channel; the database's advisory lock follows.</li>
 *   <li>{@code TransmissionLog.find}: a block filled before is answered as it was (the same request only).</li>
 *   <li>{@code FillMemory.Hold.catchUp} brings the library and the channel's play order up to the database's.</li>
 *   <li>{@code BlockFiller.fill} asks a {@code RememberedPlayHistory} for candidates a page at a time and runs
 *       {@code rules/fill/} on each break: allowed type, cooldown, daily cap.</li>
 *   <li>The plays it picks go to the {@code PlayLog} and into what the replica remembers.</li>
 *   <li>{@code DecisionLog} and {@code TransmissionLog.insert} commit with the plays, in one transaction.</li>
 *   <li>Whatever fails on the way, playout still gets an answer: the static filler, {@code fallback: true}.</li>
 * </ol>
 */
package com.trafficrules.fill;
