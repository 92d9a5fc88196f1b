package dev.oncall.worker.notify;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import dev.oncall.store.notify.NotifyProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.UUID;

/** Builds the Firebase app FCM is sent through, pointed at the configured endpoint. */
public final class FcmApps {
    static final String DEFAULT_ENDPOINT = "https://fcm.googleapis.com";

    /** Where the service account comes from; production reads {@code GOOGLE_APPLICATION_CREDENTIALS}. */
    @FunctionalInterface
    public interface Credentials {
        GoogleCredentials get() throws IOException;

        /** The configured service account file, else Google's application-default credentials. */
        static Credentials of(NotifyProperties.Fcm settings) {
            return () -> {
                GoogleCredentials credentials;
                if (settings.credentialsFile().isBlank()) {
                    credentials = GoogleCredentials.getApplicationDefault();
                } else {
                    try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(settings.credentialsFile()))) {
                        credentials = GoogleCredentials.fromStream(in);
                    }
                }
                return credentials.createScoped("https://www.googleapis.com/auth/firebase.messaging");
            };
        }
    }

    private FcmApps() {}

    public static FirebaseApp create(NotifyProperties.Fcm settings, Credentials credentials) {
        FirebaseOptions.Builder options;
        try {
            options = FirebaseOptions.builder().setCredentials(credentials.get());
        } catch (IOException e) {
            throw new UncheckedIOException("FCM is enabled but its credentials cannot be read "
                    + "(set GOOGLE_APPLICATION_CREDENTIALS): " + e.getMessage(), e);
        }
        if (!settings.projectId().isBlank()) {
            options.setProjectId(settings.projectId());
        }
        options.setHttpTransport(transport(settings.baseUrl()))
                .setConnectTimeout((int) settings.timeout().toMillis())
                .setReadTimeout((int) settings.timeout().toMillis());
        return FirebaseApp.initializeApp(options.build(), "oncall-fcm-" + UUID.randomUUID());
    }

    /** The HTTP transport, rewriting FCM's address to {@code baseUrl} when one is configured. */
    static HttpTransport transport(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (base.equals(DEFAULT_ENDPOINT)) {
            return new NetHttpTransport();
        }
        return new NetHttpTransport.Builder().setConnectionFactory(url -> {
            String u = url.toString();
            String target = u.startsWith(DEFAULT_ENDPOINT) ? base + u.substring(DEFAULT_ENDPOINT.length()) : u;
            return (HttpURLConnection) URI.create(target).toURL().openConnection();
        }).build();
    }
}
