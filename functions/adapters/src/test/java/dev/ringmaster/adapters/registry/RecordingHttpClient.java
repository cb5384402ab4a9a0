package dev.ringmaster.adapters.registry;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** An HttpClient that records "METHOD path" of each request it sends, so tests against the real registry can assert the call sequence. */
final class RecordingHttpClient extends HttpClient {
    private final HttpClient delegate = HttpClient.newHttpClient();
    private final boolean offline;
    final List<String> calls = new ArrayList<>();

    RecordingHttpClient() {
        this(false);
    }

    /** @param offline record "METHOD host path" and fail as if unreachable, never touching the network */
    RecordingHttpClient(boolean offline) {
        this.offline = offline;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        if (offline) {
            calls.add(request.method() + " " + request.uri().getHost() + request.uri().getPath());
            throw new java.net.ConnectException("offline test client");
        }
        calls.add(request.method() + " " + request.uri().getPath());
        return delegate.send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        calls.add(request.method() + " " + request.uri().getPath());
        return delegate.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        calls.add(request.method() + " " + request.uri().getPath());
        return delegate.sendAsync(request, handler, push);
    }

    List<String> changes() {
        return calls.stream().filter(c -> c.startsWith("PUT") || c.startsWith("POST") || c.startsWith("DELETE") || c.startsWith("PATCH")).toList();
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
