package dev.oncall.store.schedule;

import dev.oncall.core.schedule.Restriction;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Restrictions as stored in {@code rotation_layers.restrictions}: the same shape as in schedule
 * files ({@code {"type":"daily","start":"09:00","end":"17:00"}}), so the column reads like a spec.
 */
final class RestrictionJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RestrictionJson() {}

    static String write(List<Restriction> restrictions) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Restriction r : restrictions) {
            Map<String, String> m = new LinkedHashMap<>();
            switch (r) {
                case Restriction.Daily d -> {
                    m.put("type", "daily");
                    m.put("start", d.start().toString());
                    m.put("end", d.end().toString());
                }
                case Restriction.Weekly w -> {
                    m.put("type", "weekly");
                    m.put("startDay", w.startDay().name());
                    m.put("start", w.start().toString());
                    m.put("endDay", w.endDay().name());
                    m.put("end", w.end().toString());
                }
            }
            out.add(m);
        }
        return JSON.writeValueAsString(out);
    }

    static List<Restriction> read(String json) {
        List<Map<String, String>> in = JSON.readValue(json, new TypeReference<>() {});
        List<Restriction> out = new ArrayList<>();
        for (Map<String, String> m : in) {
            out.add(switch (m.get("type")) {
                case "daily" -> Restriction.daily(LocalTime.parse(m.get("start")), LocalTime.parse(m.get("end")));
                case "weekly" -> Restriction.weekly(DayOfWeek.valueOf(m.get("startDay")), LocalTime.parse(m.get("start")),
                        DayOfWeek.valueOf(m.get("endDay")), LocalTime.parse(m.get("end")));
                default -> throw new IllegalStateException("unknown stored restriction type " + m.get("type"));
            });
        }
        return out;
    }
}
