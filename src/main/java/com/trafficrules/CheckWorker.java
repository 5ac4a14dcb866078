package com.trafficrules;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.trafficrules.engine.RulesetFiles;
import com.trafficrules.kernel.JobCatalog;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.RulesetRef;
import com.trafficrules.ruleset.CheckWork;
import com.trafficrules.ruleset.ImpactComparison;
import com.trafficrules.ruleset.RulesetChecker;
import com.trafficrules.web.JsonConfig;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The check worker: a JVM of its own that the service starts (see {@code ruleset.IsolatedChecks}) to run a
 * proposed version's code — its checks or its impact preview — away from the database, the secrets and the
 * serving process. Reads one job line, answers one line, and ends; it composes the jobs itself because it has
 * no Spring context.
 */
public final class CheckWorker {

    private final JsonMapper json;
    private final RulesetChecker checker;
    private final ImpactComparison impact;

    private final JobCatalog jobs;

    private CheckWorker(JsonMapper json, JobCatalog jobs) {
        this.json = json;
        this.jobs = jobs;
        this.checker = new RulesetChecker(jobs, json);
        this.impact = new ImpactComparison(jobs.replays(json));
    }

    public static void main(String[] args) {
        // Standard output carries the protocol only; anything else the code prints goes to standard error.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        // An orphaned worker has nobody to answer.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
        try {
            JsonMapper json = JsonConfig.standalone();
            CheckWorker worker = new CheckWorker(json, Composition.jobs());
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (Arrays.asList(args).contains(CheckWork.WARM_UP_ARG)) {
                String warmUp = input.readLine();
                if (warmUp == null) {
                    Runtime.getRuntime().halt(0);
                }
                worker.answer(json.readValue(warmUp, CheckWork.Job.class), found -> { });
            }
            protocol.println(CheckWork.READY);
            String job = input.readLine();
            if (job == null) {
                Runtime.getRuntime().halt(0);
            }
            CheckWork.Answer answer = worker.answer(json.readValue(job, CheckWork.Job.class),
                    found -> protocol.println(CheckWork.CHECKED + json.writeValueAsString(found)));
            protocol.println(CheckWork.ANSWER + json.writeValueAsString(answer));
            protocol.flush();
            // Halt: whatever the rules left running is not waited for.
            Runtime.getRuntime().halt(0);
        } catch (Throwable e) {
            e.printStackTrace(System.err);
            System.err.flush();
            Runtime.getRuntime().halt(2);
        }
    }

    private CheckWork.Answer answer(CheckWork.Job job, Consumer<CheckWork.Answer> found) {
        if (job.check() != null) {
            RulesetChecker.Checked checked = checker.check(RulesetFiles.of(job.check().files()), job.check().scenarios(),
                    compiledAndLinted -> found.accept(new CheckWork.Answer(compiledAndLinted, null)));
            return new CheckWork.Answer(checked.checks(), null);
        }
        CheckWork.ImpactJob preview = job.impact();
        return new CheckWork.Answer(null, impact.compare(compile("candidate", preview.candidate()),
                compile("current", preview.current()), preview.decisions(),
                preview.contexts()));
    }

    private Ruleset compile(String label, Map<String, String> files) {
        RulesetFiles ruleset = RulesetFiles.of(files);
        return jobs.compile(new RulesetRef(0, label, ruleset.hash()), ruleset);
    }
}
