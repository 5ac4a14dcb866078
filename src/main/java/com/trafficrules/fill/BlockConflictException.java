package com.trafficrules.fill;

import com.trafficrules.web.ConflictException;

/** The block id is taken on this channel by a different request. */
class BlockConflictException extends ConflictException {

    BlockConflictException(String channel, String blockId) {
        super("Block " + blockId + " on " + channel + " was stored from a different request; send a new block id");
    }
}
