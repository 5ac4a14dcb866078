package com.trafficrules.fill;

import com.trafficrules.fill.block.FillRequest;
import com.trafficrules.policy.ChannelSlug;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Late binding on one channel: a compiled block's placeholders filled at feed time. */
@RestController
@RequestMapping("/api/v1/channels/{slug}")
class FillController {

    private final FillService fills;

    FillController(FillService fills) {
        this.fills = fills;
    }

    @PostMapping("/blocks/fill")
    FillService.FillResponse fill(@PathVariable ChannelSlug slug, @RequestBody FillRequest request) {
        return fills.fill(slug.value(), request);
    }
}
