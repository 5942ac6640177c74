package io.emporium.contracts.customer;

/**
 * Personal data as events, read models and streams carry it: encrypted with a key that belongs to its subject (the
 * customer) alone. Erasing a customer destroys that key, and with it every copy of their data in the immutable event
 * history, exports and backups, without rewriting any of them.
 *
 * @param subjectId   whose data this is, and so which key opens it
 * @param fingerprint a keyed hash of the plain data: equal data, equal fingerprint, so decisions can tell a real
 *                    change from a repeat without opening the data
 * @param ciphertext  base64 of nonce and AES-GCM ciphertext
 */
public record SealedData(String subjectId, String fingerprint, String ciphertext) {}
