package dev.ringmaster.bench.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * What Lambda's java21 runtime does with a JVM function, standing in for its runtime interface client: load the
 * handler class from the function's class path (the runner jar and its lib/, as function.zip lays them out in
 * /var/task), make one instance during init, then for each event from the runtime API call
 * {@code handleRequest(InputStream, OutputStream, Context)} and post what it wrote. Only JDK classes here, so nothing
 * of this loop's own is on the function's class path; the Context is a proxy of the function's own interface.
 *
 * <p>Arguments: the handler class (io.quarkus.funqy.lambda.FunqyStreamHandler, as infra Runtimes.JVM names it).
 */
public final class JavaRuntimeLoop {
    public static final String FUNQY_HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler";

    private JavaRuntimeLoop() {
    }

    public static void main(String[] args) throws Exception {
        String api = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime";
        HttpClient http = HttpClient.newHttpClient();
        Object handler;
        Method handle;
        Class<?> context;
        try {
            Class<?> type = Class.forName(args[0]);
            context = Class.forName("com.amazonaws.services.lambda.runtime.Context");
            handler = type.getDeclaredConstructor().newInstance();
            handle = type.getMethod("handleRequest", InputStream.class, OutputStream.class, context);
        } catch (Exception e) {
            post(http, api + "/init/error", error(e));
            throw e;
        }
        while (true) {
            HttpResponse<byte[]> next = http.send(HttpRequest.newBuilder(URI.create(api + "/invocation/next")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (next.statusCode() != 200) {
                return;
            }
            String id = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
            long deadline = Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElse("0"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                handle.invoke(handler, new ByteArrayInputStream(next.body()), out, context(context, id, deadline));
                post(http, api + "/invocation/" + id + "/response", out.toString(StandardCharsets.UTF_8));
            } catch (java.lang.reflect.InvocationTargetException e) {
                post(http, api + "/invocation/" + id + "/error", error(e.getCause()));
            }
        }
    }

    private static Object context(Class<?> type, String id, long deadline) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> switch (method.getName()) {
            case "getAwsRequestId" -> id;
            case "getFunctionName" -> System.getenv("AWS_LAMBDA_FUNCTION_NAME");
            case "getMemoryLimitInMB" -> Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));
            case "getRemainingTimeInMillis" -> (int) Math.max(0, deadline - System.currentTimeMillis());
            case "toString" -> "Context " + id;
            case "hashCode" -> id.hashCode();
            case "equals" -> proxy == args[0];
            default -> null;
        });
    }

    private static String error(Throwable e) {
        String message = String.valueOf(e.getMessage()).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
        return "{\"errorMessage\":\"" + message + "\",\"errorType\":\"" + e.getClass().getName() + "\"}";
    }

    private static void post(HttpClient http, String url, String body) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
