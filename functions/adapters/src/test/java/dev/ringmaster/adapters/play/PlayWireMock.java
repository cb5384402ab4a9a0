package dev.ringmaster.adapters.play;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.androidpublisher.model.Track;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** WireMock on loopback standing in for the Android Publisher API and Google's token endpoint, with a fresh key. */
final class PlayWireMock implements AutoCloseable {
    static final String APP = "/androidpublisher/v3/applications/com.example.vpn";
    static final ServiceAccountKey KEY = ServiceAccountKey.generate();
    static final Target TARGET = new Target(TargetType.GOOGLE_PLAY,
            Map.of("packageName", "com.example.vpn", "track", "production", "versionCodes", List.of(2100)));

    final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    PlayWireMock() {
        server.start();
        server.stubFor(post(urlPathEqualTo("/token")).willReturn(okJson(PlayBodies.token("ya29.c.test-1"))));
    }

    String tokenUri() {
        return "http://127.0.0.1:" + server.port() + "/token";
    }

    GooglePlayTarget target() {
        return target(new Http.Policy(3, Duration.ofMillis(1), Duration.ofSeconds(5), Duration.ofSeconds(5)));
    }

    GooglePlayTarget target(Http.Policy policy) {
        return new GooglePlayTarget(URI.create("http://127.0.0.1:" + server.port()), PlayCredentials.fromKeyJson(KEY.json(tokenUri())),
                Http.client(), policy);
    }

    static Phase phase(double percent) {
        return new Phase("phase-" + percent, percent, null, List.of(), null, null, null, Duration.ofHours(24), null, null,
                null, Map.of(), null, List.of());
    }

    /** edits.insert answers these edit ids, one per call, the last one from then on. */
    void editsInserted(String... ids) {
        for (int i = 0; i < ids.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "insert-" + i;
            var stub = post(urlPathEqualTo(APP + "/edits")).inScenario("inserts").whenScenarioStateIs(state)
                    .willReturn(okJson(PlayBodies.edit(ids[i])));
            server.stubFor(i + 1 < ids.length ? stub.willSetStateTo("insert-" + (i + 1)) : stub);
        }
    }

    /** A whole happy edit: the track as {@code trackJson}, the update echoed, the commit and delete answered. */
    void edit(String id, String trackJson) {
        server.stubFor(get(urlPathEqualTo(APP + "/edits/" + id + "/tracks/production")).willReturn(okJson(trackJson)));
        server.stubFor(put(urlPathEqualTo(APP + "/edits/" + id + "/tracks/production")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody("{{{request.body}}}")
                .withTransformers("response-template")));
        server.stubFor(post(urlPathEqualTo(APP + "/edits/" + id + ":commit")).willReturn(okJson(PlayBodies.edit(id))));
        server.stubFor(delete(urlPathEqualTo(APP + "/edits/" + id)).willReturn(aResponse().withStatus(204)));
    }

    /** The API calls in the order they arrived (token requests left out), as "METHOD path". */
    List<String> calls() {
        List<String> calls = new ArrayList<>();
        for (ServeEvent e : events()) {
            if (!e.getRequest().getUrl().startsWith("/token")) {
                calls.add(e.getRequest().getMethod().getName() + " " + e.getRequest().getUrl().replace(APP, ""));
            }
        }
        return calls;
    }

    List<ServeEvent> events() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        java.util.Collections.reverse(events);
        return events;
    }

    /** The track sent by edits.tracks.update, read with the official model class. */
    Track sentTrack(String editId) {
        String body = events().stream().filter(e -> e.getRequest().getMethod().getName().equals("PUT")
                        && e.getRequest().getUrl().equals(APP + "/edits/" + editId + "/tracks/production"))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no tracks.update in edit " + editId))
                .getRequest().getBodyAsString();
        try {
            return GsonFactory.getDefaultInstance().fromString(body, Track.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> insertGetPutCommit(String id) {
        return List.of("POST /edits", "GET /edits/" + id + "/tracks/production", "PUT /edits/" + id + "/tracks/production",
                "POST /edits/" + id + ":commit");
    }

    static List<String> insertGetDelete(String id) {
        return List.of("POST /edits", "GET /edits/" + id + "/tracks/production", "DELETE /edits/" + id);
    }

    @Override
    public void close() {
        server.stop();
    }
}
