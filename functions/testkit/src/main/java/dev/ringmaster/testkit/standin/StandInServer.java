package dev.ringmaster.testkit.standin;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.function.Function;

/**
 * The WireMock server every stand-in runs on: a free loopback port, no h2c (java.net.http asks to upgrade a
 * plain-http first request, and the upgraded answer never arrived), and every request answered by the stand-in's
 * own handler, which keeps the API's state, instead of by stubs.
 */
final class StandInServer {
    private StandInServer() {
    }

    /** A server, not started yet, whose every request {@code handler} answers. */
    static WireMockServer create(String name, Function<Request, ResponseDefinition> handler) {
        return new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").http2PlainDisabled(true)
                .extensions(new ResponseDefinitionTransformerV2() {
                    @Override
                    public ResponseDefinition transform(ServeEvent event) {
                        return handler.apply(event.getRequest());
                    }

                    @Override
                    public String getName() {
                        return name;
                    }
                }));
    }

    /** Starts it with one stub matching everything, so each request reaches the handler. */
    static void start(WireMockServer server) {
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
    }
}
