package com.trafficrules;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.trafficrules.kernel.ActiveRuleset;
import com.trafficrules.kernel.Job;
import jakarta.persistence.Entity;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

/**
 * The shape of the house, as the folder tree promises it: feature packages without cycles, the kernel the jobs
 * stand on, the engine the only door to Drools, and each job keeping to itself.
 */
class ArchitectureTest {

    private static final String ROOT = "com.trafficrules";
    private static JavaClasses classes;
    /** The job packages, found from the {@link Job}s in them: a new job is held to the same rules unasked. */
    private static SortedSet<String> jobPackages;

    @BeforeAll
    static void importTheServiceClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
        jobPackages = new TreeSet<>();
        classes.stream().filter(type -> type.isAssignableTo(Job.class) && !type.isInterface())
                .forEach(job -> jobPackages.add(job.getPackageName()));
    }

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theSubPackagesOfAJobDependOnEachOtherWithoutCycles() {
        for (String job : jobPackages) {
            slices().matching(job + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
        }
    }

    @Test
    void theKernelStandsOnTheEngineAlone() {
        classes().that().resideInAPackage(ROOT + ".kernel..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".kernel..", ROOT + ".engine..", "java..",
                        "org.springframework..", "tools.jackson..", "com.fasterxml.jackson.annotation..")
                .check(classes);
    }

    @Test
    void onlyTheEngineTouchesTheKieApi() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..")
                .check(classes);
    }

    @Test
    void theTechnicalLayersKnowNoFeature() {
        noClasses().that().resideInAnyPackage(ROOT + ".engine..", ROOT + ".web..", ROOT + ".database..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".kernel..", ROOT + ".ruleset..",
                        ROOT + ".audit..", ROOT + ".policy..", ROOT + ".ruletest..")
                .orShould().dependOnClassesThat().resideInAnyPackage(jobPackages.stream().map(job -> job + "..")
                        .toArray(String[]::new))
                .check(classes);
    }

    @Test
    void thereAreJobsToHoldToTheseRules() {
        assertThat(jobPackages).contains(ROOT + ".rotation", ROOT + ".fill");
    }

    @Test
    void noJobImportsAnotherJob() {
        for (String job : jobPackages) {
            List<String> others = jobPackages.stream().filter(other -> !other.equals(job)).map(other -> other + "..").toList();
            noClasses().that().resideInAPackage(job + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                    .check(classes);
        }
    }

    @Test
    void entitiesAndRepositoriesAreUsedOnlyInTheirOwnFeature() {
        classes.stream()
                .filter(type -> type.isAnnotatedWith(Entity.class) || type.isAssignableTo(Repository.class))
                .map(ArchitectureTest::featureOf).distinct()
                .forEach(feature -> classes().that(resideInAPackage(feature + "..")
                                .and(annotatedWith(Entity.class).or(assignableTo(Repository.class))))
                        .should().onlyHaveDependentClassesThat().resideInAPackage(feature + "..")
                        .check(classes));
    }

    @Test
    void onlyGovernanceSwapsTheServingVersion() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".ruleset..")
                .should().callMethod(ActiveRuleset.class, "serve", com.trafficrules.kernel.Ruleset.class)
                .check(classes);
    }

    /** The top-level feature package a class lives in, e.g. {@code com.trafficrules.fill} for the asset library. */
    private static String featureOf(JavaClass type) {
        String[] parts = type.getPackageName().split("\\.");
        return parts.length < 3 ? type.getPackageName() : String.join(".", parts[0], parts[1], parts[2]);
    }
}
