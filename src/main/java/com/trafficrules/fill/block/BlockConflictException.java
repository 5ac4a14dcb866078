package com.trafficrules.fill.block;

import com.trafficrules.web.ConflictException;

/** The block id is taken on this channel by a different request. */
public class BlockConflictException extends ConflictException {

    public BlockConflictException(String channel, String blockId) {
        super("Block " + blockId + " on " + channel + " was stored from a different request; send a new block id");
    }
}
