package io.emporium.command.payment;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the PSP is and how long to wait for it. The worst case of one call is about
 * {@code maxAttempts × (requestTimeout + maxBackoff)}; after that its outcome stays unknown until a later retry.
 *
 * @param url            the PSP's base address ({@code EMPORIUM_PAYMENTS_PSP_URL}); in tests and local runs the
 *                       embedded PSP simulator's, given by infra/servers
 * @param requestTimeout how long one request may take before its outcome counts as unknown
 * @param maxAttempts    tries per call, the first included
 * @param initialBackoff the pause before the first retry, doubled (with jitter) up to {@code maxBackoff}
 */
@ConfigurationProperties("emporium.payments.psp")
public record PspProperties(URI url,
                            @DefaultValue("1s") Duration connectTimeout,
                            @DefaultValue("3s") Duration requestTimeout,
                            @DefaultValue("6") int maxAttempts,
                            @DefaultValue("100ms") Duration initialBackoff,
                            @DefaultValue("2s") Duration maxBackoff) {

    public PspProperties {
        Objects.requireNonNull(url, "emporium.payments.psp.url (EMPORIUM_PAYMENTS_PSP_URL) names no PSP");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("emporium.payments.psp.max-attempts is at least 1");
        }
    }
}
