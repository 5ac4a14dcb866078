package com.trafficrules.makegood.avail;

import com.trafficrules.web.DurationMs;
import com.trafficrules.web.RequestChecks;
import com.trafficrules.web.Timestamp;
import com.trafficrules.web.Times;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The future inventory make-goods are routed into, as the traffic system books it. */
@RestController
@RequestMapping("/api/v1/avails")
class AvailController {

    private final AvailStore avails;

    AvailController(AvailStore avails) {
        this.avails = avails;
    }

    record AvailInput(@NotBlank String id, @NotBlank String market, String programId, @NotBlank @Timestamp String start,
                      @NotNull @DurationMs Long durationMs, @NotNull @PositiveOrZero Long remainingMs,
                      @NotNull @PositiveOrZero Double estimatedGrps, List<@NotBlank String> productCodes) {
    }

    record AvailsRequest(List<@NotNull @Valid AvailInput> avails) {
        AvailsRequest {
            avails = avails == null ? List.of() : avails;
        }
    }

    record AvailList(List<AvailStore.Avail> avails) {
    }

    @PutMapping
    @Transactional
    AvailList upsert(@RequestBody AvailsRequest request) {
        RequestChecks checks = RequestChecks.of(request);
        Set<String> seen = new HashSet<>();
        checks.each("avails", request.avails(), (field, input) -> {
            if (checks.ok(field + ".id") && !seen.add(input.id())) {
                checks.reject(field + ".id", "appears twice in this request");
            }
            if (checks.ok(field + ".remainingMs") && checks.ok(field + ".durationMs") && input.remainingMs() > input.durationMs()) {
                checks.reject(field + ".remainingMs", "must not be more than durationMs");
            }
        });
        checks.throwIfAny();
        avails.upsert(request.avails().stream().map(input -> new AvailStore.Booked(input.id(), input.market().trim(),
                input.programId(), Times.parseWithOffset(input.start()), input.durationMs(), input.remainingMs(),
                input.estimatedGrps(), AvailStore.normalised(input.productCodes()))).toList());
        return new AvailList(avails.byIds(seen));
    }

    @GetMapping
    AvailList list(@RequestParam(required = false) String market, @RequestParam(required = false) @Timestamp String from,
                   @RequestParam(required = false) @Timestamp String to) {
        return new AvailList(avails.list(market == null || market.isBlank() ? null : market.trim(),
                from == null ? Instant.EPOCH : Times.parseWithOffset(from),
                to == null ? Instant.parse("9999-12-31T00:00:00Z") : Times.parseWithOffset(to)));
    }
}
