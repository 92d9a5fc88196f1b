package dev.oncall.acceptance.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The phone network: Twilio's REST API as the worker calls it (messages and calls are accepted
 * and recorded with a sid), and Twilio's side of the callbacks, signed as Twilio signs them
 * (HMAC-SHA1 of the URL and the sorted form fields under the auth token, independent of the
 * server's own implementation): delivery statuses and SMS replies.
 */
public final class FakeTwilio implements AutoCloseable {
    public static final String ACCOUNT_SID = "AC00000000000000000000000000000000";
    public static final String AUTH_TOKEN = "acceptance-twilio-auth-token";
    public static final String FROM_NUMBER = "+15005550006";

    /** A message or call the worker asked Twilio to make, and when Twilio accepted it. */
    public record Sent(String sid, String kind, String to, String body, String statusCallback, Instant at) {}

    private final HttpServer server;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    public FakeTwilio() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/2010-04-01/Accounts/", this::create);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void create(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String expectedAuth = "Basic " + Base64.getEncoder().encodeToString(
                (ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
        if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"code\":20003,\"message\":\"Authenticate\"}");
            return;
        }
        boolean call = path.endsWith("/Calls.json");
        String sid = (call ? "CA" : "SM") + UUID.randomUUID().toString().replace("-", "");
        sent.add(new Sent(sid, call ? "call" : "sms", form.get("To"), call ? form.getOrDefault("Twiml", "") : form.get("Body"),
                form.get("StatusCallback"), Instant.now()));
        answer(exchange, 201, "{\"sid\":\"" + sid + "\",\"status\":\"queued\"}");
    }

    /** Everything sent so far, oldest first. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<Sent> sentTo(String number) {
        return sent.stream().filter(s -> number.equals(s.to())).toList();
    }

    /** Reports a message's final status to the callback it was sent with, as Twilio does. */
    public int report(Sent message, String status) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AccountSid", ACCOUNT_SID);
        fields.put(message.kind().equals("call") ? "CallSid" : "MessageSid", message.sid());
        fields.put(message.kind().equals("call") ? "CallStatus" : "MessageStatus", status);
        fields.put("To", message.to());
        fields.put("From", FROM_NUMBER);
        return post(message.statusCallback(), fields);
    }

    /** A text from {@code from} to our number, delivered to the SMS webhook at {@code url}. */
    public int reply(String url, String from, String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AccountSid", ACCOUNT_SID);
        fields.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        fields.put("From", from);
        fields.put("To", FROM_NUMBER);
        fields.put("Body", body);
        return post(url, fields);
    }

    private int post(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", signature(url, fields))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("posting to " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The headers Twilio would sign a POST of {@code fields} to {@code url} with. */
    public static Map<String, String> signed(String url, Map<String, String> fields) {
        return Map.of("X-Twilio-Signature", signature(url, fields));
    }

    /** Twilio's documented scheme: the URL, then each field name and value in name order. */
    private static String signature(String url, Map<String, String> fields) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(fields).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
