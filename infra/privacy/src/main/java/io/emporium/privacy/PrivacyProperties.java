package io.emporium.privacy;

import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The master keys that wrap every person's data key. Several may be configured so that a new one can take over
 * (activeMasterKey) while rows wrapped by an older one stay readable until they are re-wrapped.
 *
 * @param masterKeys      id → base64 of 32 random bytes (AES-256)
 * @param activeMasterKey the id new data keys are wrapped with
 */
@ConfigurationProperties("emporium.privacy")
public record PrivacyProperties(Map<String, String> masterKeys, String activeMasterKey) {

    public PrivacyProperties {
        masterKeys = Map.copyOf(masterKeys);
        if (!masterKeys.containsKey(activeMasterKey)) {
            throw new IllegalArgumentException("emporium.privacy.active-master-key names no configured master key");
        }
    }

    SecretKey masterKey(String id) {
        var encoded = masterKeys.get(id);
        if (encoded == null) {
            throw new IllegalStateException("master key " + id + " is not configured; it wraps stored data keys");
        }
        var bytes = Base64.getDecoder().decode(encoded);
        if (bytes.length != 32) {
            throw new IllegalStateException("master key " + id + " must be 32 bytes (AES-256)");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
