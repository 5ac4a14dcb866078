package com.trafficrules.fill.block;

import com.trafficrules.web.DurationMs;
import com.trafficrules.web.RequestChecks;
import com.trafficrules.web.Times;
import com.trafficrules.web.Timestamp;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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

    record CompileRequest(@NotBlank String blockId, @NotBlank @Timestamp String start, @NotNull @DurationMs Long slotMs,
                          @NotNull @Valid Content content) {
    }

    record Content(@NotBlank String assetUri, @NotNull @DurationMs Long durationMs, List<@NotNull Long> markersMs) {
        Content {
            markersMs = markersMs == null ? List.of() : markersMs;
        }
    }

    record CompiledBlock(String blockId, Instant start, long slotMs, List<Segment> segments) {
    }

    static CompiledBlock compile(CompileRequest request) {
        RequestChecks checks = RequestChecks.of(request);
        Content content = request.content();
        boolean durationOk = checks.ok("content.durationMs");
        if (durationOk && checks.ok("slotMs") && content.durationMs() > request.slotMs()) {
            checks.reject("content.durationMs", "is longer than the slot");
        }
        if (content != null) {
            long[] previous = {0};
            checks.each("content.markersMs", content.markersMs(), (field, marker) -> {
                if (marker <= previous[0] || (durationOk && marker >= content.durationMs())) {
                    checks.reject(field, "must increase strictly and fall inside the content");
                } else {
                    previous[0] = marker;
                }
            });
        }
        checks.throwIfAny();
        Instant start = Times.parseWithOffset(request.start());

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
