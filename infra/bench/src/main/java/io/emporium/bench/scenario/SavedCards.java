package io.emporium.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Cards the customers saved with the PSP before the run. A returning customer's order is paid with the token
 * the PSP issued for the saved card, as the storefront's payment script hands it over: no card number reaches the
 * engine and the engine calls no PSP before the order is placed. The tokens are issued once per run, on the PSP
 * simulator the engine also talks to.
 *
 * @param tokens the PSP's answers, {@code {"token": …, "brand": …, "last4": …}}, as the storefront passes them on
 */
public record SavedCards(List<String> tokens) {

    /** Cards saved: each serves one customer in so many, an order's customer picks its card. */
    static final int COUNT = 100;
    /** A test card the PSP simulator authorizes, as payment providers document them. */
    static final String GOOD_CARD = "4242424242424242";

    public SavedCards {
        tokens = List.copyOf(tokens);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("no saved card");
        }
    }

    public static SavedCards issue(URI psp) throws IOException, InterruptedException {
        var tokens = new ArrayList<String>(COUNT);
        try (var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            for (var i = 0; i < COUNT; i++) {
                var response = http.send(HttpRequest.newBuilder(psp.resolve("/v1/tokens"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(TypedCard.JSON))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("the PSP simulator refused to tokenize a test card: HTTP "
                            + response.statusCode() + " " + response.body());
                }
                tokens.add(response.body().strip());
            }
        }
        return new SavedCards(tokens);
    }

    /** The {@code payment} member of the order of customer number {@code customer}. */
    String paymentOf(long customer) {
        return "{\"cardToken\":" + tokens.get((int) Math.floorMod(customer, (long) tokens.size())) + "}";
    }

    /** A card typed in at checkout, which the engine tokenizes at the PSP before placing the order. */
    static final class TypedCard {
        static final String JSON = """
                {"number":"%s","expMonth":12,"expYear":2030,"cvc":"123"}""".formatted(GOOD_CARD);
        static final String PAYMENT = "{\"card\":" + JSON + "}";

        private TypedCard() {
        }
    }
}
