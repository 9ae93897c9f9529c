package org.paasmaker.client.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Writes the wire records (the api's {@code rest} and {@code routing} records) as JSON or YAML, as the
 * server sends them: their components by name, times as ISO-8601 instants, absent values left out. A
 * holder of its own, so that commands that print no record (and {@code --version}) never load Jackson.
 */
final class WireWriter {

    private static final ObjectWriter JSON = configure(JsonMapper.builder().build()).writerWithDefaultPrettyPrinter();
    private static final ObjectWriter JSON_LINE = configure(JsonMapper.builder().build()).writer();
    private static final ObjectWriter YAML = configure(new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build())).writer();

    private WireWriter() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    }

    /** The record as a document of the format, ending with a newline. */
    static String write(OutputFormat format, Object record) {
        try {
            return switch (format) {
                case json -> JSON.writeValueAsString(record) + "\n";
                case yaml -> YAML.writeValueAsString(record);
                case human -> throw new IllegalArgumentException("human output is not a wire format");
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + record.getClass().getSimpleName() + " as " + format, e);
        }
    }

    /**
     * One record of a stream (a job's events, an instance's log lines): JSON on one line each
     * (JSON Lines), YAML as documents that each start with {@code ---}.
     */
    static String writeStreamed(OutputFormat format, Object record) {
        try {
            return switch (format) {
                case json -> JSON_LINE.writeValueAsString(record) + "\n";
                case yaml -> "---\n" + YAML.writeValueAsString(record);
                case human -> throw new IllegalArgumentException("human output is not a wire format");
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + record.getClass().getSimpleName() + " as " + format, e);
        }
    }
}
