package org.paasmaker.api.error;

import java.util.List;

/** A manifest that cannot be used; {@link #errors()} holds every problem found, not just the first. */
public class InvalidManifestException extends PaasmakerException {

    private static final long serialVersionUID = 1L;

    private final String source;

    public InvalidManifestException(String source, List<FieldError> errors) {
        super(ErrorCode.INVALID_MANIFEST, summary(source, errors), errors, null);
        this.source = source;
    }

    /** Where the manifest came from, as the user named it (a file name, usually). */
    public String source() {
        return source;
    }

    private static String summary(String source, List<FieldError> errors) {
        StringBuilder text = new StringBuilder(source).append(" is not a valid manifest (")
                .append(errors.size()).append(errors.size() == 1 ? " error)" : " errors)");
        for (FieldError error : errors) {
            text.append(System.lineSeparator()).append("  ").append(error);
        }
        return text.toString();
    }
}
