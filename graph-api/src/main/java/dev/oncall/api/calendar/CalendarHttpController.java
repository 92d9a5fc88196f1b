package dev.oncall.api.calendar;

import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /calendar/{token}.ics: the feed calendar apps subscribe to. The token in the URL is the
 * only credential (calendar apps cannot send headers); an unknown one gets the same 404 as a
 * feed whose owner lost access, so a guess learns nothing.
 */
@RestController
class CalendarHttpController {
    private static final MediaType CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

    private final CalendarFeeds feeds;

    CalendarHttpController(CalendarFeeds feeds) {
        this.feeds = feeds;
    }

    @GetMapping("/calendar/{file}")
    ResponseEntity<String> feed(@PathVariable String file) {
        String token = file.endsWith(".ics") ? file.substring(0, file.length() - 4) : file;
        if (!token.startsWith(CalendarFeedRepository.PREFIX) || token.length() > 100) {
            return ResponseEntity.notFound().build();
        }
        return feeds.render(token)
                .map(calendar -> ResponseEntity.ok().contentType(CALENDAR)
                        .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePrivate())
                        // Named for what it holds; without a name Spring guards the ".ics" URL as "f.txt".
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                .filename(calendar.fileName(), StandardCharsets.UTF_8).build().toString())
                        .body(calendar.ics()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
