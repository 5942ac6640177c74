package io.emporium.privacy;

import io.emporium.contracts.customer.SealedData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals and opens personal data with a key that belongs to one person (crypto-shredding). Each data key is kept
 * wrapped by a master key; the AES-GCM tags bind every ciphertext to its person, so data cannot be moved between
 * people unnoticed. Runs on the caller's thread and JDBC transaction: a key created while sealing commits with the
 * events that carry the sealed data.
 */
public class PersonalDataVault {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcTemplate jdbc;
    private final PrivacyProperties properties;
    private final JsonMapper json;
    private final SecureRandom random = new SecureRandom();

    public PersonalDataVault(JdbcTemplate jdbc, PrivacyProperties properties, JsonMapper json) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.json = json;
    }

    /** Seals a value (any JSON-serialisable record) as the personal data of {@code subjectId}. */
    public SealedData seal(String subjectId, Object value) {
        var dataKey = dataKeyOf(subjectId).orElseGet(() -> createDataKey(subjectId));
        var plain = json.writeValueAsBytes(value);
        return new SealedData(subjectId, fingerprint(dataKey, plain),
                Base64.getEncoder().encodeToString(encrypt(dataKey, plain, aad(subjectId))));
    }

    /** @return the value, or empty when the person's data was erased */
    public <T> Optional<T> open(SealedData sealed, Class<T> type) {
        return dataKeyOf(sealed.subjectId()).map(dataKey -> json.readValue(
                decrypt(dataKey, Base64.getDecoder().decode(sealed.ciphertext()), aad(sealed.subjectId())), type));
    }

    /** Destroys the person's key: every copy of their sealed data, anywhere, becomes unreadable for good. */
    public boolean erase(String subjectId) {
        return jdbc.update("delete from personal_data_key where subject_id = ?", subjectId) > 0;
    }

    private Optional<SecretKey> dataKeyOf(String subjectId) {
        try {
            return Optional.of(jdbc.queryForObject(
                    "select master_key_id, wrapped_key from personal_data_key where subject_id = ?",
                    (row, n) -> unwrap(row.getString(1), row.getBytes(2), subjectId), subjectId));
        } catch (EmptyResultDataAccessException erasedOrNew) {
            return Optional.empty();
        }
    }

    /** A concurrent first seal for the same person may win the insert: then its key is the one to use. */
    private SecretKey createDataKey(String subjectId) {
        try {
            var generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            var dataKey = generator.generateKey();
            var masterKeyId = properties.activeMasterKey();
            jdbc.update("""
                    insert into personal_data_key (subject_id, master_key_id, wrapped_key) values (?, ?, ?)
                    on conflict (subject_id) do nothing
                    """, subjectId, masterKeyId,
                    encrypt(properties.masterKey(masterKeyId), dataKey.getEncoded(), aad(subjectId)));
            return dataKeyOf(subjectId).orElseThrow();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has AES", e);
        }
    }

    private SecretKey unwrap(String masterKeyId, byte[] wrapped, String subjectId) {
        return new SecretKeySpec(decrypt(properties.masterKey(masterKeyId), wrapped, aad(subjectId)), "AES");
    }

    private static byte[] aad(String subjectId) {
        return subjectId.getBytes(StandardCharsets.UTF_8);
    }

    /** A keyed hash: equal data of one person gives equal fingerprints, revealing nothing without their key. */
    private static String fingerprint(SecretKey dataKey, byte[] plain) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(dataKey.getEncoded(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private byte[] encrypt(SecretKey key, byte[] plain, byte[] aad) {
        try {
            var nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            var sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    private static byte[] decrypt(SecretKey key, byte[] nonceAndCiphertext, byte[] aad) {
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonceAndCiphertext, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(nonceAndCiphertext, NONCE_BYTES, nonceAndCiphertext.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed data failed its integrity check: altered or misattributed", e);
        }
    }
}
