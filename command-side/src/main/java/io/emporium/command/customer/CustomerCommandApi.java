package io.emporium.command.customer;

import io.emporium.command.http.CommandRequests;
import io.emporium.command.http.CommandRequests.Success;
import io.emporium.contracts.customer.Address;
import io.emporium.contracts.customer.CustomerCommand.ChangeShippingAddress;
import io.emporium.contracts.customer.CustomerCommand.RegisterCustomer;
import io.emporium.contracts.customer.CustomerProfile;
import io.emporium.privacy.PersonalDataVault;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Customer profiles over HTTP. Personal data is sealed with the customer's own key before any command exists, on
 * the request's transaction, so neither the event store nor any stream ever holds it in the clear.
 */
@RestController
class CustomerCommandApi {

    private static final String CUSTOMER_ID = "[0-9a-f-]{36}";

    private final CommandRequests requests;
    private final PersonalDataVault vault;

    CustomerCommandApi(CommandRequests requests, PersonalDataVault vault) {
        this.requests = requests;
        this.vault = vault;
    }

    record AddressRequest(@NotBlank @Size(max = 200) @Nullable String recipient,
                          @NotBlank @Size(max = 200) @Nullable String line1,
                          @Size(max = 200) @Nullable String line2,
                          @NotBlank @Size(max = 20) @Nullable String postalCode,
                          @NotBlank @Size(max = 100) @Nullable String city,
                          @NotNull @Pattern(regexp = "[A-Z]{2}") @Nullable String country) {

        Address toAddress() {
            return new Address(Objects.requireNonNull(recipient), Objects.requireNonNull(line1), line2,
                    Objects.requireNonNull(postalCode), Objects.requireNonNull(city), Objects.requireNonNull(country));
        }
    }

    record RegisterRequest(@NotBlank @Email @Size(max = 254) @Nullable String email,
                           @NotBlank @Size(max = 200) @Nullable String fullName,
                           @Valid @Nullable AddressRequest shippingAddress) {}

    /** What the client learns on success: no personal data, only the id. */
    record CustomerChanged(String customerId, String change) {}

    @PostMapping(path = "/customers", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> register(ServerHttpRequest http, @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY,
            required = false) @Nullable String key, @Valid @RequestBody RegisterRequest body) {
        var customerId = UUID.nameUUIDFromBytes(("customer:" + key).getBytes(StandardCharsets.UTF_8)).toString();
        return requests.send(http, key, body, customerId,
                Success.created("/customers/" + customerId, new CustomerChanged(customerId, "REGISTERED")),
                (commands, expectedVersion) -> commands.sendAndWait(new RegisterCustomer(customerId,
                        vault.seal(customerId, new CustomerProfile(Objects.requireNonNull(body.email()),
                                Objects.requireNonNull(body.fullName()))),
                        body.shippingAddress() == null ? null
                                : vault.seal(customerId, body.shippingAddress().toAddress())), expectedVersion));
    }

    @PutMapping(path = "/customers/{customerId}/address", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> changeAddress(ServerHttpRequest http, @PathVariable @Pattern(regexp = CUSTOMER_ID)
            String customerId, @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false)
            @Nullable String key, @Valid @RequestBody AddressRequest body) {
        return requests.send(http, key, body, customerId,
                Success.ok(new CustomerChanged(customerId, "ADDRESS_CHANGED")),
                (commands, expectedVersion) -> commands.sendAndWait(new ChangeShippingAddress(customerId,
                        vault.seal(customerId, body.toAddress())), expectedVersion));
    }
}
