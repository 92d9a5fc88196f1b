package dev.oncall.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GraphApiApplicationTest extends ApiTest {
    @Test
    void answersTypenameOverGraphQl() {
        var data = admin().data("{ __typename serverInfo { region } }");
        assertThat(data.get("__typename").asString()).isEqualTo("Query");
        assertThat(data.at("/serverInfo/region").asString()).isEqualTo("test-region");
    }

    @Test
    void reportsHealthAndProbesWithoutAToken() {
        assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void servesNoGraphiQlUnlessEnabled() {
        assertThat(get("/graphiql").statusCode()).isEqualTo(404);
    }
}
