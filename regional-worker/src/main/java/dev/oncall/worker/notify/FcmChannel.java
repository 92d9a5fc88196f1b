package dev.oncall.worker.notify;

import com.google.firebase.FirebaseApp;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.ApnsConfig;
import com.google.firebase.messaging.Aps;
import com.google.firebase.messaging.ApsAlert;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import dev.oncall.core.notify.MessageText;
import dev.oncall.core.notify.PagedIncident;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.store.notify.NotifyProperties;
import dev.oncall.store.outbound.RetryPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mobile push through Firebase Cloud Messaging. A data message (the app renders it and
 * offers Acknowledge, posting the token to {@code /ack}) with Android high priority, and for
 * iOS an alert with the app's "Acknowledge" action category. An unregistered token switches
 * the contact method off.
 */
final class FcmChannel implements Channel, AutoCloseable {
    /** Data values are strings and FCM caps a message at 4 KB: a bundle lists this many incidents. */
    static final int MAX_LISTED = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FirebaseApp app;
    private final FirebaseMessaging messaging;
    private final NotifyProperties.Fcm settings;

    FcmChannel(FirebaseApp app, NotifyProperties.Fcm settings) {
        this.app = app;
        this.messaging = FirebaseMessaging.getInstance(app);
        this.settings = settings;
    }

    @Override
    public ContactMethodType type() {
        return ContactMethodType.PUSH;
    }

    @Override
    public String provider() {
        return "fcm";
    }

    @Override
    public Receipt send(Delivery delivery) throws DeliveryException {
        try {
            return new Receipt(messaging.send(message(delivery)));
        } catch (FirebaseMessagingException e) {
            throw classify(e);
        }
    }

    Message message(Delivery delivery) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("type", delivery.page().isPresent() ? "oncall.page"
                : delivery.verification().isPresent() ? "oncall.verification" : "oncall.notice");
        // The app on the device submits it with verifyContactMethod: receiving it proves the token is this device's.
        delivery.verification().ifPresent(v -> data.put("code", v.secret()));
        data.put("message_id", delivery.messageId().toString());
        List<PagedIncident> incidents = delivery.incidents();
        if (!incidents.isEmpty()) {
            PagedIncident first = incidents.getFirst();
            data.put("incident_id", first.incidentId().toString());
            data.put("summary", MessageText.headline(delivery.message()));
            data.put("urgency", first.urgency().code());
            delivery.actionsOf(first).acknowledge().ifPresent(token -> data.put("ack_token", token));
            data.put("incident_count", Integer.toString(incidents.size()));
        } else {
            data.put("summary", MessageText.headline(delivery.message()));
            delivery.noticeText().ifPresent(text -> data.put("text", text));
        }
        if (incidents.size() > 1) {
            List<Map<String, String>> listed = new ArrayList<>();
            for (PagedIncident i : incidents.subList(0, Math.min(MAX_LISTED, incidents.size()))) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("incident_id", i.incidentId().toString());
                entry.put("summary", MessageText.cut(i.service() + ": " + i.title(), 120));
                delivery.actionsOf(i).acknowledge().ifPresent(token -> entry.put("ack_token", token));
                listed.add(entry);
            }
            data.put("incidents", JSON.writeValueAsString(listed));
        }
        return Message.builder()
                .setToken(delivery.method().address())
                .putAllData(data)
                .setAndroidConfig(AndroidConfig.builder().setPriority(AndroidConfig.Priority.HIGH).build())
                .setApnsConfig(ApnsConfig.builder()
                        .putHeader("apns-priority", "10")
                        .putHeader("apns-push-type", "alert")
                        .setAps(Aps.builder()
                                .setAlert(ApsAlert.builder().setTitle("Oncall")
                                        .setBody(MessageText.headline(delivery.message())).build())
                                .setCategory(settings.apnsCategory())
                                .setSound("default")
                                .setMutableContent(true)
                                .build())
                        .build())
                .build();
    }

    private static DeliveryException classify(FirebaseMessagingException e) {
        String message = "fcm refused: " + e.getMessage();
        if (RetryPolicy.timedOut(e)) {
            return new DeliveryException(DeliveryException.Kind.TIMEOUT, "fcm did not answer in time", e);
        }
        MessagingErrorCode code = e.getMessagingErrorCode();
        if (code == MessagingErrorCode.UNREGISTERED) {
            return new DeliveryException(DeliveryException.Kind.UNREGISTERED, message, e);
        }
        if (code == MessagingErrorCode.INVALID_ARGUMENT || code == MessagingErrorCode.SENDER_ID_MISMATCH
                || code == MessagingErrorCode.THIRD_PARTY_AUTH_ERROR) {
            return new DeliveryException(DeliveryException.Kind.PERMANENT, message, e);
        }
        Integer status = e.getHttpResponse() == null ? null : e.getHttpResponse().getStatusCode();
        if (status != null && status / 100 == 4 && !RetryPolicy.retryable(status)) {
            return new DeliveryException(DeliveryException.Kind.PERMANENT, message, e);
        }
        return new DeliveryException(DeliveryException.Kind.TRANSIENT, message, e);
    }

    @Override
    public void close() {
        app.delete();
    }
}
