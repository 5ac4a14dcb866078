package com.trafficrules.fill.block;

import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.policy.ChannelSlug;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Compiling blocks ahead of air: a programme cut at its markers, with filler placeholders between. */
@RestController
@RequestMapping("/api/v1/channels/{slug}")
class BlockController {

    private final CompiledBlocks compiledBlocks;
    private final JsonMapper json;

    BlockController(CompiledBlocks compiledBlocks, JsonMapper json) {
        this.compiledBlocks = compiledBlocks;
        this.json = json;
    }

    @PostMapping("/blocks/compile")
    @ResponseStatus(HttpStatus.CREATED)
    BlockCompiler.CompiledBlock compile(@PathVariable ChannelSlug slug, @RequestBody BlockCompiler.CompileRequest request) {
        BlockCompiler.CompiledBlock block = BlockCompiler.compile(request);
        String requestHash = RulesetFiles.sha256(json.writeValueAsString(request));
        var stored = compiledBlocks.storeOnce(slug.value(), block.blockId(), requestHash,
                json.writeValueAsString(block));
        if (stored.isPresent() && !stored.get().requestHash().equals(requestHash)) {
            throw new BlockConflictException(slug.value(), block.blockId());
        }
        return stored.map(earlier -> json.readValue(earlier.body(), BlockCompiler.CompiledBlock.class)).orElse(block);
    }
}
