package org.paasmaker.api.error;

/** Something asked for by its id or name does not exist; {@link #kind()} and {@link #key()} say what. */
public class NotFoundException extends PaasmakerException {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String key;

    public NotFoundException(String kind, Object key) {
        super(ErrorCode.NOT_FOUND, "No " + kind + " '" + key + "' exists.");
        this.kind = kind;
        this.key = String.valueOf(key);
    }

    public String kind() {
        return kind;
    }

    public String key() {
        return key;
    }
}
