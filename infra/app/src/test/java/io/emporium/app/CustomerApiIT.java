package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import io.emporium.contracts.customer.Address;
import io.emporium.contracts.customer.SealedData;
import io.emporium.privacy.PersonalDataVault;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** Customer profiles over HTTP: personal data never in the clear in the store, and erasable. */
@EngineIT
class CustomerApiIT {

    @Autowired WebTestClient http;
    @Autowired JdbcTemplate jdbc;
    @Autowired JsonMapper json;
    @Autowired PersonalDataVault vault;

    private static final String HOME = """
            {"recipient": "Ada Lovelace", "line1": "12 St James's Square", "postalCode": "SW1Y 4JH",
             "city": "London", "country": "GB"}""";

    @Test
    void aRegisteredCustomersPersonalDataIsSealedInTheStoreAndErasable() {
        var email = "ada+" + UUID.randomUUID() + "@example.org";
        var registered = new EmporiumClient(http).send(POST, "/customers",
                        "{\"email\": \"%s\", \"fullName\": \"Ada Lovelace\", \"shippingAddress\": %s}"
                                .formatted(email, HOME))
                .expectStatus().isCreated().expectBody(String.class).returnResult();
        var customerId = json.readTree(registered.getResponseBody()).get("customerId").asString();
        assertThat(registered.getResponseBody()).doesNotContain(email);

        var payload = jdbc.queryForObject("select convert_from(payload, 'UTF8') from domain_event_entry"
                + " where aggregate_identifier = ?", String.class, customerId);
        assertThat(payload).doesNotContain(email).doesNotContain("Lovelace").doesNotContain("James");

        var address = json.treeToValue(json.readTree(payload).get("shippingAddress"), SealedData.class);
        assertThat(vault.open(address, Address.class)).hasValueSatisfying(
                home -> assertThat(home.city()).isEqualTo("London"));
        vault.erase(customerId);
        assertThat(vault.open(address, Address.class)).isEmpty();
    }

    @Test
    void theSameAddressAgainIsNoChangeAndANewOneIs() {
        var registered = new EmporiumClient(http).send(POST, "/customers",
                        "{\"email\": \"b@example.org\", \"fullName\": \"B\", \"shippingAddress\": %s}".formatted(HOME))
                .expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"0\"")
                .expectBody(String.class).returnResult();
        var customerId = json.readTree(registered.getResponseBody()).get("customerId").asString();

        new EmporiumClient(http).send(PUT, "/customers/" + customerId + "/address", HOME)
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"0\"");
        new EmporiumClient(http).send(PUT, "/customers/" + customerId + "/address", HOME.replace("12", "14"))
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");
    }

    @Test
    void anInvalidEmailOrCountryIsABadRequestProblemNamingTheField() {
        new EmporiumClient(http).send(POST, "/customers", """
                        {"email": "not-an-email", "fullName": "C",
                         "shippingAddress": {"recipient": "C", "line1": "1 Road", "postalCode": "1", "city": "X",
                                             "country": "Narnia"}}""")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'email')]").exists()
                .jsonPath("$.errors[?(@.field == 'shippingAddress.country')]").exists();
    }
}
