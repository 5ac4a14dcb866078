package com.trafficrules.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles a ruleset's DRL on the classic DRL path with {@link KieFileSystem} and {@link KieBuilder},
 * under a ReleaseId of its own.
 */
public final class RuleCompiler {

    private static final String RESOURCES = "src/main/resources/";
    private static final Pattern JOB_FOLDER = Pattern.compile("rules/([a-z][a-z0-9_]*)/.+\\.drl");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^[ \\t]*package[ \\t]+([\\w.$]+)[ \\t]*;?[ \\t]*(//.*)?$");
    private static final AtomicLong BUILDS = new AtomicLong();

    public CompiledRules compile(RulesetFiles files) {
        try {
            return build(files);
        } catch (StackOverflowError e) {
            // The Java compiler recurses on a consequence's nesting as the DRL parser does on a constraint's.
            throw new RulesetCompileException(List.of(new CompileMessage("rules", 1, 1, "a rule " + DrlInspection.OUT_OF_STACK)));
        }
    }

    private CompiledRules build(RulesetFiles files) {
        KieServices kieServices = KieServices.get();
        KieFileSystem kieFileSystem = kieServices.newKieFileSystem();
        KieModuleModel module = kieServices.newKieModuleModel();
        SortedSet<String> jobs = new TreeSet<>();
        List<CompileMessage> misplaced = new ArrayList<>();
        files.under("rules/").forEach((path, content) -> {
            var folder = JOB_FOLDER.matcher(path);
            if (!folder.matches()) {
                misplaced.add(new CompileMessage(path, 1, 1,
                        "a DRL file belongs in a job folder named in lower case, such as rules/rotation/"));
                return;
            }
            // Drools files a DRL under the package it declares, so a package other than the folder would
            // put its rules in another job's KieBase.
            String expected = path.substring(0, path.lastIndexOf('/')).replace('/', '.');
            var declared = PACKAGE.matcher(content);
            if (declared.find() && !declared.group(1).equals(expected)) {
                misplaced.add(new CompileMessage(path, SourceLines.lineOf(content, declared.start(1)), 1,
                        "declares package " + declared.group(1) + " but its folder makes it package " + expected));
                return;
            }
            jobs.add(folder.group(1));
            kieFileSystem.write(RESOURCES + path, content);
        });
        if (!misplaced.isEmpty()) {
            throw new RulesetCompileException(misplaced);
        }
        // Stateless sessions never modify facts, so property reactivity would only add noise.
        module.setConfigurationProperty("drools.propertySpecific", "ALLOWED");
        // "rules.<job>.*" takes the job folder and its subfolders.
        jobs.forEach(job -> module.newKieBaseModel(job).addPackage("rules." + job + ".*"));
        kieFileSystem.writeKModuleXML(module.toXML());

        ReleaseId releaseId = kieServices.newReleaseId("com.trafficrules.rulesets",
                "ruleset-" + files.hash().substring(0, 16) + "-" + BUILDS.incrementAndGet(), "1.0.0");
        kieFileSystem.generateAndWritePomXML(releaseId);
        KieBuilder builder = kieServices.newKieBuilder(kieFileSystem).buildAll(DrlProject.class);
        List<CompileMessage> located = builder.getResults().getMessages(Message.Level.ERROR).stream()
                .map(RuleCompiler::toCompileMessage)
                .toList();
        // A parse error is followed by an unplaced "Parser returned a null Package" for the same file: keep
        // only the placed one; a problem Drools cannot place at all points at the file's first line.
        Set<String> placed = located.stream().filter(m -> m.line() > 0).map(CompileMessage::path).collect(Collectors.toSet());
        List<CompileMessage> errors = located.stream()
                .filter(m -> m.line() > 0 || !placed.contains(m.path()))
                .map(m -> m.line() > 0 ? m : new CompileMessage(m.path(), 1, m.column(), m.message()))
                .toList();
        if (!errors.isEmpty()) {
            throw new RulesetCompileException(errors);
        }
        KieContainer container = kieServices.newKieContainer(releaseId);
        Map<String, org.kie.api.KieBase> kieBases = new HashMap<>();
        jobs.forEach(job -> kieBases.put(job, container.getKieBase(job)));
        // The KieBases stand on their own; keeping every version's module in the global repository would leak.
        kieServices.getRepository().removeKieModule(releaseId);
        return new CompiledRules(kieBases);
    }

    private static CompileMessage toCompileMessage(Message message) {
        String path = message.getPath() == null ? "rules" : message.getPath().replaceFirst("^" + RESOURCES, "");
        return new CompileMessage(path, Math.max(message.getLine(), 0), Math.max(message.getColumn(), 0),
                message.getText().strip());
    }
}
