package dev.ringmaster.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** events/plans: every seed plan is valid; every file under invalid/ fails with exactly its expected errors. */
class SamplePlansTest {

    static Stream<Path> validPlans() {
        return RepoFiles.yaml("events/plans").stream();
    }

    static Stream<Path> invalidPlans() {
        return RepoFiles.yaml("events/plans/invalid").stream();
    }

    @Test
    void thereIsOnePlanPerSeed() {
        List<String> names = validPlans().map(p -> p.getFileName().toString()).toList();
        for (String seed : List.of("000", "001", "002", "003", "004")) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(seed + "-")), "no plan for seed " + seed + " in " + names);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPlans")
    void everySeedPlanIsValid(Path plan) {
        ParseResult r = PlanParser.parse(plan);
        assertEquals(List.of(), r.errors().stream().map(PlanError::toString).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPlans")
    void everyValidationRuleReportsItsExactMessage(Path plan) throws IOException {
        List<String> expected = Files.readAllLines(plan).stream().filter(l -> l.startsWith("# expect: "))
                .map(l -> l.substring("# expect: ".length())).toList();
        assertFalse(expected.isEmpty(), plan + " has no '# expect: LINE:COL: path: message' line");
        ParseResult r = PlanParser.parse(plan);
        List<String> actual = r.errors().stream()
                .map(e -> e.line() + ":" + e.column() + ": " + e.path() + ": " + e.message()).toList();
        assertEquals(expected, actual);
        assertTrue(r.errors().stream().allMatch(e -> e.file().equals(plan.toString())), "every error names its file");
    }
}
