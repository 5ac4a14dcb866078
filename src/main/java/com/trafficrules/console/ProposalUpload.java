package com.trafficrules.console;

import com.trafficrules.ruleset.RulesetGovernance;
import com.trafficrules.ruleset.Rulesets;
import com.trafficrules.web.FieldProblem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.multipart.MultipartFile;

/**
 * The files of the propose form as a proposal's changed files and scenarios. A file's path is the one typed beside
 * it, else the path of the base version's one file with the same name; a file under rule-tests/ is a scenario. A
 * file must be text (UTF-8 without NUL characters), as rule files and scenarios are: anything else is a problem
 * named by the form's slot, and so is each problem the service later finds in a file.
 */
final class ProposalUpload {

    private static final String SCENARIOS = "rule-tests/";
    /** How the service names a proposal's fields: by their JSON path, e.g. {@code files[1].path}. */
    private static final Pattern PROPOSAL_FIELD = Pattern.compile("(files|scenarios)\\[(\\d+)](?:\\.(\\w+))?");
    private static final Map<String, String> FORM_FIELDS = Map.of("label", "Label", "note", "Why", "base", "Based on",
            "files", "Files", "scenarios", "Files");

    private final List<RulesetGovernance.FileChange> files = new ArrayList<>();
    private final List<RulesetGovernance.SubmittedScenario> scenarios = new ArrayList<>();
    private final List<FieldProblem> problems = new ArrayList<>();
    /** The form's slot each of {@link #files} and {@link #scenarios} came in, e.g. {@code File 2 (cooldown.drl)}. */
    private final List<String> fileSlots = new ArrayList<>();
    private final List<String> scenarioSlots = new ArrayList<>();

    private ProposalUpload() {
    }

    /** The form's file fields and the paths typed beside them, slot by slot; an empty file field is left out. */
    static ProposalUpload read(Rulesets.VersionWithFiles base, List<String> paths, List<MultipartFile> uploads)
            throws IOException {
        ProposalUpload upload = new ProposalUpload();
        for (int i = 0; i < uploads.size(); i++) {
            MultipartFile file = uploads.get(i);
            if (file.isEmpty()) {
                continue;
            }
            String slot = "File " + (i + 1) + " (" + file.getOriginalFilename() + ")";
            String typed = i < paths.size() ? paths.get(i).strip() : "";
            String path = typed.isEmpty() ? pathByName(base, file.getOriginalFilename()) : typed;
            String content = text(file.getBytes());
            if (path == null) {
                upload.problems.add(new FieldProblem(slot, "matches no single file of version " + base.id()
                        + " by name; type the path it goes to (e.g. rules/rotation/new-rule.drl)"));
            } else if (content == null) {
                upload.problems.add(new FieldProblem(slot, "is not a text file (UTF-8, without NUL characters); "
                        + "upload the rule file or scenario itself"));
            } else if (path.startsWith(SCENARIOS)) {
                upload.scenarios.add(new RulesetGovernance.SubmittedScenario(path, content));
                upload.scenarioSlots.add(slot);
            } else {
                upload.files.add(new RulesetGovernance.FileChange(path, content));
                upload.fileSlots.add(slot);
            }
        }
        if (upload.files.isEmpty() && upload.scenarios.isEmpty() && upload.problems.isEmpty()) {
            upload.problems.add(new FieldProblem("File", "choose at least one file to upload"));
        }
        return upload;
    }

    List<RulesetGovernance.FileChange> files() {
        return files;
    }

    List<RulesetGovernance.SubmittedScenario> scenarios() {
        return scenarios;
    }

    /** What is wrong with the upload itself, before the service sees it. */
    List<FieldProblem> problems() {
        return problems;
    }

    /** A problem the service found in the proposal, named as the form shows the field. */
    FieldProblem asTheFormNamesIt(FieldProblem problem) {
        Matcher field = PROPOSAL_FIELD.matcher(problem.field());
        if (!field.matches()) {
            return new FieldProblem(FORM_FIELDS.getOrDefault(problem.field(), problem.field()), problem.message());
        }
        List<String> slots = field.group(1).equals("files") ? fileSlots : scenarioSlots;
        int index = Integer.parseInt(field.group(2));
        String slot = index < slots.size() ? slots.get(index) : problem.field();
        return new FieldProblem(field.group(3) == null ? slot : slot + " " + field.group(3), problem.message());
    }

    private static String pathByName(Rulesets.VersionWithFiles base, String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return null;
        }
        List<String> matching = base.files().stream().map(file -> file.path())
                .filter(path -> path.equals(fileName) || path.endsWith("/" + fileName)).toList();
        return matching.size() == 1 ? matching.get(0) : null;
    }

    /** The bytes as UTF-8 text; null for anything else (another encoding, a binary file). */
    private static String text(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.indexOf('\0') >= 0 ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
