package dev.ringmaster.adapters.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ringmaster.adapters.teams.AdaptiveCardHtml;
import dev.ringmaster.adapters.teams.TeamsCards;
import dev.ringmaster.core.port.Notifier.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pictures of what a channel shows, from the same JSON we send: the halted message in Slack and Teams under
 * target/screenshots on every run, and docs/notifications/*.png with {@code -Dsnapshots.update=true}.
 */
class NotificationScreenshotsTest {
    /** The kinds docs/notifications.md shows as pictures. */
    static final List<String> SLACK_DOCS = List.of("halted", "advanced", "approval-needed", "alert-warning", "daily-status", "changed-by-hand");
    static final List<String> TEAMS_DOCS = List.of("halted", "approval-needed");
    private static final String NO_CHROMIUM = "skipped: no /usr/bin/chromium for the screenshots (apt-get install chromium, Debian package "
            + "'chromium')";

    @Test
    void theHaltedMessage_screenshotsInSlackAndTeams() throws IOException {
        assumeTrue(Chromium.installed(), NO_CHROMIUM);
        Message halted = SeedMessages.all().get("halted");
        Path dir = Path.of("target/screenshots");

        Path slack = dir.resolve("halted-slack.png");
        Chromium.screenshot(BlockKitHtml.page(SlackBlocks.render(halted), "releases"), slack);
        Path teams = dir.resolve("halted-teams.png");
        Chromium.screenshot(AdaptiveCardHtml.page(TeamsCards.render(halted), "Releases"), teams);

        for (Path png : List.of(slack, teams)) {
            assertTrue(Files.size(png) > 5_000, png + " is only " + Files.size(png) + " bytes: an empty page?");
        }
    }

    @Test
    void docsImages_areRewrittenOnRequest() {
        assumeTrue(Snapshots.UPDATE, "docs/notifications/*.png are rewritten with -Dsnapshots.update=true");
        assumeTrue(Chromium.installed(), NO_CHROMIUM);
        Map<String, Message> all = SeedMessages.all();
        Path docs = SeedMessages.root().resolve("docs/notifications");
        SLACK_DOCS.forEach(k -> Chromium.screenshot(BlockKitHtml.page(SlackBlocks.render(all.get(k)), "releases"), docs.resolve(k + "-slack.png")));
        TEAMS_DOCS.forEach(k -> Chromium.screenshot(AdaptiveCardHtml.page(TeamsCards.render(all.get(k)), "Releases"), docs.resolve(k + "-teams.png")));
    }

    @Test
    void mrkdwn_drawsBoldCodeAndEmoji_andSlacksEscapesAsCharacters() {
        assertEquals("<b>Why</b><br>• 0.0061 &gt; 0.005 &amp; <code>ringmaster status a_b_c</code> 🔴 crash_rate <i>now</i>",
                BlockKitHtml.mrkdwn("*Why*\n• 0.0061 &gt; 0.005 &amp; `ringmaster status a_b_c` :red_circle: crash_rate _now_"));
    }
}
