package com.trafficrules.fill.block;

import com.trafficrules.web.RequestChecks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The compile half of late binding, hours ahead of air: the programme is cut at its markers and an
 * empty filler placeholder follows each marker (none: one at the end), sharing the slot's spare time
 * equally, the last {@code gap % n} one millisecond longer. Nothing is selected and no play is logged.
 */
final class BlockCompiler {

    private BlockCompiler() {
    }

    record CompileRequest(String blockId, String start, Long slotMs, Content content) {
    }

    record Content(String assetUri, Long durationMs, List<Long> markersMs) {
        Content {
            markersMs = markersMs == null ? List.of() : markersMs;
        }
    }

    record CompiledBlock(String blockId, Instant start, long slotMs, List<Segment> segments) {
    }

    static CompiledBlock compile(CompileRequest request) {
        RequestChecks checks = new RequestChecks();
        checks.required("blockId", request.blockId());
        Instant start = checks.instant("start", request.start());
        boolean slotOk = checks.duration("slotMs", request.slotMs());
        Content content = request.content();
        if (!checks.required("content", content)) {
            checks.throwIfAny();
        }
        checks.required("content.assetUri", content.assetUri());
        boolean durationOk = checks.duration("content.durationMs", content.durationMs());
        if (slotOk && durationOk && content.durationMs() > request.slotMs()) {
            checks.reject("content.durationMs", "is longer than the slot");
        }
        long previous = 0;
        for (int i = 0; i < content.markersMs().size(); i++) {
            Long marker = content.markersMs().get(i);
            if (marker == null || marker <= previous || (durationOk && marker >= content.durationMs())) {
                checks.reject("content.markersMs[" + i + "]", "must increase strictly and fall inside the content");
            } else {
                previous = marker;
            }
        }
        checks.throwIfAny();

        List<Long> cuts = new ArrayList<>(content.markersMs());
        boolean placeholderAtEnd = cuts.isEmpty();
        int placeholders = placeholderAtEnd ? 1 : cuts.size();
        long gap = request.slotMs() - content.durationMs();
        List<Segment> segments = new ArrayList<>();
        long at = start.toEpochMilli();
        long contentFrom = 0;
        cuts.add(content.durationMs());
        for (int i = 0; i < cuts.size(); i++) {
            long length = cuts.get(i) - contentFrom;
            segments.add(new Segment(segments.size(), Segment.CONTENT, content.assetUri(), contentFrom, length,
                    Instant.ofEpochMilli(at), null));
            at += length;
            contentFrom = cuts.get(i);
            boolean afterMarker = i < cuts.size() - 1;
            if (afterMarker || placeholderAtEnd) {
                int index = placeholderAtEnd ? 0 : i;
                long share = gap / placeholders + (index >= placeholders - gap % placeholders ? 1 : 0);
                if (share > 0) {
                    segments.add(new Segment(segments.size(), Segment.FILLER, "", 0, share, Instant.ofEpochMilli(at), index));
                    at += share;
                }
            }
        }
        return new CompiledBlock(request.blockId(), start, request.slotMs(), List.copyOf(segments));
    }
}
