package com.trafficrules.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A ruleset that does not compile; every message names path, line and column. */
public class RulesetCompileException extends RuntimeException {

    private final List<CompileMessage> messages;

    public RulesetCompileException(List<CompileMessage> messages) {
        super("Ruleset does not compile:\n" + messages.stream().map(CompileMessage::toString).collect(Collectors.joining("\n")));
        this.messages = List.copyOf(messages);
    }

    public List<CompileMessage> messages() {
        return messages;
    }
}
