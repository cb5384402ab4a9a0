package dev.ringmaster.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ringmaster.core.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/plan.schema.json, the editor schema, against the sample plans: every seed plan validates, and the invalid
 * plans whose rule is a single-field one (or one object's keys) are rejected by the schema too. The plans whose rule
 * spans fields the schema cannot relate are listed as well, and the schema must accept them: it leaves those rules
 * to {@code ringmaster validate}, and rejecting them would mean it objects to something else in a valid plan.
 */
class PlanSchemaTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Invalid plans the schema rejects on its own. */
    static final List<String> SCHEMA_CATCHES = List.of(
            "bad-duration.yaml",                    // soak: 24 hours — duration pattern
            "bad-rollout-id.yaml",                  // metadata.name pattern
            "bad-window-time.yaml",                 // from: 12pm — HH:MM pattern
            "cohort-flag-without-name.yaml",        // killSwitch.cohortFlag needs {name}
            "false-halt-rate-out-of-range.yaml",    // falseHaltRate in (0, 0.5]
            "missing-target-keys.yaml",             // google-play needs track and versionCodes
            "no-audience.yaml",                     // a phase needs audience, cohort, groups or ring
            "no-bound.yaml",                        // oneOf: no bound key
            "no-phases-no-risk.yaml",               // spec needs phases or risk
            "percent-above-100.yaml",               // audience pattern covers (0, 100]
            "percent-zero.yaml",                    // 0% is outside (0, 100]
            "slack-url-not-secret.yaml",            // slack url must be a reference
            "source-secret-inline.yaml",            // a source's token must be a reference; http only to localhost
            "notify-channel-keys.yaml",             // a webhook rule needs its signing secret
            "template-metric-missing.yaml",         // risk MEDIUM without phases needs its metrics
            "two-bounds.yaml",                      // oneOf: max and maxRelative
            "unknown-key.yaml",                     // sosk: additionalProperties false
            "unknown-source.yaml",                  // source enum
            "unknown-target-type.yaml",             // target type enum
            "target-unknown-key.yaml");             // colour: additionalProperties false per target type

    /** Invalid plans whose rule relates fields the schema cannot: left to {@code ringmaster validate}. */
    static final List<String> VALIDATE_ONLY = List.of(
            "previous-version-missing.yaml",        // a relative bound on a $version query needs metadata.previousVersion
            "app-store-off-schedule.yaml",          // the audience depends on the (possibly inherited) target
            "audience-shrinks.yaml",                // compares phases
            "duplicate-key.yaml",                   // invisible once YAML is a JSON tree
            "flags-without-flag-store.yaml",        // phase flags vs spec.flagStore / target
            "gate-undefined-metric.yaml",           // gate metric vs spec.metrics
            "halt-rule-undefined-metric.yaml",      // halt rule metric vs spec.metrics
            "last-phase-below-100.yaml",            // the last phase
            "max-soak-below-soak.yaml",             // compares two durations
            "pass-on-rate-metric.yaml",             // the bound vs the metric's kind
            "rate-bound-above-one.yaml",            // the bound vs the metric's kind
            "relative-bound-without-baseline.yaml", // the bound vs the metric's source
            "unknown-timezone.yaml",                // IANA names are not enumerated
            "window-ends-before-start.yaml");       // compares from and to

    /** Not YAML at all: neither the schema nor an editor gets a tree. */
    static final List<String> NOT_A_TREE = List.of("not-yaml.yaml");

    private static JsonSchema schema;

    private static synchronized JsonSchema schema() throws IOException {
        if (schema == null) {
            JsonNode node = new ObjectMapper().readTree(RepoFiles.root().resolve("docs/plan.schema.json").toFile());
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
        }
        return schema;
    }

    private static Set<String> errors(Path plan) throws IOException {
        JsonNode tree = YAML.readTree(plan.toFile());
        return schema().validate(tree).stream().map(ValidationMessage::getMessage)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Path invalid(String name) {
        return RepoFiles.root().resolve("events/plans/invalid").resolve(name);
    }

    static Stream<Path> seedPlans() {
        return RepoFiles.yaml("events/plans").stream();
    }

    static Stream<String> schemaCatches() {
        return SCHEMA_CATCHES.stream();
    }

    static Stream<String> validateOnly() {
        return VALIDATE_ONLY.stream();
    }

    @Test
    void schemaIsJsonAndDeclaresDraft202012() throws IOException {
        JsonNode node = new ObjectMapper().readTree(RepoFiles.root().resolve("docs/plan.schema.json").toFile());
        assertEquals("https://json-schema.org/draft/2020-12/schema", node.path("$schema").asText());
        assertEquals("https://ringmaster.dev/schemas/plan.schema.json", node.path("$id").asText());
        assertFalse(node.path("title").asText().isBlank(), "the schema needs a title");
        assertTrue(node.path("description").asText().contains("ringmaster validate"),
                "the description must say that `ringmaster validate` checks the cross-field rules");
    }

    @Test
    void schemaIsValidAgainstTheDraft202012MetaSchema() throws IOException {
        JsonNode node = new ObjectMapper().readTree(RepoFiles.root().resolve("docs/plan.schema.json").toFile());
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonSchema meta = factory.getSchema(com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertEquals(Set.of(), meta.validate(node).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet()));
    }

    @Test
    void everyInvalidPlanIsClassified() {
        Set<String> listed = new TreeSet<>();
        Stream.of(SCHEMA_CATCHES, VALIDATE_ONLY, NOT_A_TREE).forEach(listed::addAll);
        Set<String> files = RepoFiles.yaml("events/plans/invalid").stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(files, listed, "list each events/plans/invalid file under SCHEMA_CATCHES, VALIDATE_ONLY or NOT_A_TREE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedPlans")
    void everySeedPlanValidatesAgainstTheSchema(Path plan) throws IOException {
        assertEquals(Set.of(), errors(plan), plan + " must have no schema errors");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaCatches")
    void schemaRejectsWhatTheParserRejectsPerField(String file) throws IOException {
        Path plan = invalid(file);
        assertTrue(Files.exists(plan), plan + " is missing");
        Set<String> errors = errors(plan);
        assertFalse(errors.isEmpty(), file + " must fail the schema as it fails `ringmaster validate`");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validateOnly")
    void schemaLeavesCrossFieldRulesToValidate(String file) throws IOException {
        assertEquals(Set.of(), errors(invalid(file)),
                file + " breaks only a cross-field rule: the schema must accept the rest of it");
    }
}
