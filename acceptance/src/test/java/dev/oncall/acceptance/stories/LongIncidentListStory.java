package dev.oncall.acceptance.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.system.Browser;
import dev.oncall.acceptance.system.Crew;
import dev.oncall.acceptance.system.Http;
import dev.oncall.acceptance.system.Installation;
import dev.oncall.acceptance.system.InstallationExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A bad night: more alerts are open than the API lists in one page (100). The incident list
 * shows every one of them, each once, newest first: it asks for page after page.
 */
@ExtendWith(InstallationExtension.class)
class LongIncidentListStory {
    private static final int OPEN = 120;

    @Test
    void everyOpenIncidentIsListedWhenThereAreMoreThanOnePage(Installation system) {
        Crew crew = Crew.of(system, "Storage", List.of("kim", "lou"), "max", List.of());
        List<String> titles = IntStream.rangeClosed(1, OPEN).mapToObj(n -> "Disk " + n + " full " + crew.name).toList();
        for (String title : titles) {
            HttpResponse<String> accepted = Http.postJson(system.url("/v2/enqueue"), """
                    {"routing_key": "%s", "event_action": "trigger", "dedup_key": "%s",
                     "payload": {"summary": "%s", "source": "storage-1", "severity": "warning"}}"""
                    .formatted(crew.eventsKey, title, title));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        }

        try (Browser browser = Browser.open()) {
            browser.go(system.url("/#token=" + system.adminToken()));
            browser.awaitText(By.id("live-state"), "Live");
            browser.go(system.url("/#/incidents?team=" + crew.teamId));
            browser.awaitText(By.id("incident-count"), OPEN + " incidents");
            List<String> shown = browser.await("all " + OPEN + " rows", Duration.ofSeconds(30), d -> {
                List<String> rows = d.findElements(By.cssSelector("#incident-rows tr td.title")).stream()
                        .map(WebElement::getText).toList();
                return rows.size() == OPEN ? Optional.of(rows) : Optional.empty();
            });
            assertThat(shown).as("every open incident once, newest first").containsExactlyElementsOf(titles.reversed());
            assertThat(browser.all(By.id("incident-count")).getFirst().getText()).isEqualTo(OPEN + " incidents");
        }
    }
}
