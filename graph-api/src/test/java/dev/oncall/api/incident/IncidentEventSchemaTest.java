package dev.oncall.api.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.IncidentEventKind;
import graphql.language.Description;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The SDL's enums of incident events name exactly the kinds and channels of core, plus UNKNOWN
 * for what a newer version wrote, and say what each one means: a kind added in core and not in
 * the contract (or the other way round) fails here, not in a client.
 */
class IncidentEventSchemaTest {
    private final TypeDefinitionRegistry sdl = parse("graphql/incident.graphqls");

    @Test
    void theKindEnumIsCoresKindsAndUnknown() {
        assertThat(values("IncidentEventKind")).containsExactlyElementsOf(
                withUnknown(Arrays.stream(IncidentEventKind.values()).map(Enum::name)));
    }

    @Test
    void theChannelEnumIsCoresChannelsAndUnknown() {
        assertThat(values("Channel")).containsExactlyElementsOf(withUnknown(Arrays.stream(Channel.values()).map(Enum::name)));
    }

    @Test
    void everyKindAndChannelIsDocumented() {
        for (String type : List.of("IncidentEventKind", "Channel")) {
            assertThat(enumType(type).getEnumValueDefinitions()).allSatisfy(v -> assertThat(v.getDescription())
                    .as(type + "." + v.getName()).extracting(Description::getContent).asString().isNotBlank());
        }
    }

    private List<String> values(String type) {
        return enumType(type).getEnumValueDefinitions().stream().map(EnumValueDefinition::getName).toList();
    }

    private EnumTypeDefinition enumType(String name) {
        return sdl.getType(name, EnumTypeDefinition.class).orElseThrow();
    }

    private static List<String> withUnknown(Stream<String> names) {
        List<String> out = new ArrayList<>(names.toList());
        out.add(IncidentEventFields.UNKNOWN);
        return out;
    }

    private static TypeDefinitionRegistry parse(String resource) {
        try (InputStream in = IncidentEventSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new SchemaParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
