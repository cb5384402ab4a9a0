package dev.ringmaster.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each line of a rollout-day is quantity × price, with the quantities as issue 15 defines them. */
class CostModelTest {
    /** 100 ms warm ticks, 2 s starts 24 times a day at 1,024 MB; 3 RRU and 28 WRU a tick; 300 log bytes; 5 others of 2 s. */
    private static final CostModel.Inputs IN = new CostModel.Inputs(100, 2000, 24, 1024, 3, 28, 300, 5, 2000, 2, 4, 2);

    @ParameterizedTest(name = "{0}: {1} a day")
    @CsvSource(delimiter = '|', textBlock = """
            Lambda invocations                          | 293                          | 0.0000586
            Lambda GB-seconds                           | 86.8                         | 0.001446667
            DynamoDB read request units                 | 874                          | 0.00010925
            DynamoDB write request units                | 8084                         | 0.0050525
            EventBridge Scheduler invocations           | 288                          | 0.000288
            EventBridge custom events                   | 2                            | 0.000002
            CloudWatch Logs ingested (GB)               | 0.0000818633                 | 0.0000409316
            the rollout's no-tick alarm (alarm-months)  | 0.0328767                    | 0.00328767
            the rollout's tick metric (metric-months)   | 0.0328767                    | 0.00986301
            """)
    void eachLineIsItsQuantityTimesItsPrice(String item, double quantity, double usd) {
        Map<String, CostModel.Line> lines = CostModel.rolloutDay(IN).stream()
                .collect(Collectors.toMap(CostModel.Line::item, Function.identity()));
        CostModel.Line line = lines.get(item);
        assertEquals(quantity, line.quantity(), quantity * 1e-5, item);
        assertEquals(usd, line.usd(), usd * 1e-5, item);
    }

    @ParameterizedTest(name = "{0} alarms and {1} secrets: ${2} a month")
    @CsvSource({"9, 4, 2.50", "0, 0, 0", "6, 0, 0.60"})
    void idleIsTheStandingAlarmsAndTheSecrets(int alarms, int secrets, double usd) {
        assertEquals(usd, CostModel.total(CostModel.idleMonth(alarms, secrets)), 1e-9);
    }

    @ParameterizedTest(name = "{0} MB doubles GB-seconds against {1} MB")
    @CsvSource({"1024, 512", "512, 256"})
    void gbSecondsScaleWithMemory(int memory, int half) {
        double big = gbSeconds(memory);
        assertEquals(big / 2, gbSeconds(half), 1e-9);
    }

    private static double gbSeconds(int memory) {
        CostModel.Inputs in = new CostModel.Inputs(IN.warmTickMs(), IN.coldStartMs(), IN.coldStartsPerDay(), memory, IN.readUnitsPerTick(),
                IN.writeUnitsPerTick(), IN.logBytesPerTick(), IN.otherInvocations(), IN.otherMs(), IN.otherReadUnits(), IN.otherWriteUnits(),
                IN.busEvents());
        List<CostModel.Line> lines = CostModel.rolloutDay(in);
        return lines.stream().filter(l -> l.item().equals("Lambda GB-seconds")).findFirst().orElseThrow().quantity();
    }
}
