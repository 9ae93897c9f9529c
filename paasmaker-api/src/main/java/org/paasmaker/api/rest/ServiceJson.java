package org.paasmaker.api.rest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.paasmaker.api.service.ApplicationService;

/**
 * An application's service with the credentials its instances receive in {@code PM_SERVICES}. Unless
 * they are asked to be revealed, every credential whose key names a password (the database services'
 * {@code password}, and any key with "password" or "secret" in it) reads {@value #MASK}.
 */
public record ServiceJson(long id, long applicationId, String name, String plugin, Map<String, Object> parameters,
        Map<String, Object> credentials) {

    /** What a hidden credential reads. */
    public static final String MASK = "********";

    /** With its passwords masked. */
    public static ServiceJson of(ApplicationService service) {
        return of(service, false);
    }

    /** With its passwords masked, or revealed when {@code reveal}. */
    public static ServiceJson of(ApplicationService service, boolean reveal) {
        Map<String, Object> credentials = service.credentials().asMap();
        return new ServiceJson(service.id().value(), service.applicationId().value(), service.name(), service.plugin(),
                service.parameters().asMap(), reveal ? credentials : masked(credentials));
    }

    /** Whether a credential with this key is a secret, masked unless revealed. */
    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret");
    }

    private static Map<String, Object> masked(Map<String, Object> credentials) {
        Map<String, Object> shown = new LinkedHashMap<>();
        credentials.forEach((key, value) -> shown.put(key, isSecret(key) && value != null ? MASK : value));
        return shown;
    }
}
