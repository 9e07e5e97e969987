package org.stoa.server.http;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.stoa.engine.image.ImageDecodeException;
import org.stoa.engine.image.PerceptualHashes;

/** The one JSON configuration: strict on input (no type coercion), ISO times and no nulls on output. */
public final class Json {

    public static final ObjectMapper MAPPER = create();

    private Json() {}

    private static ObjectMapper create() {
        // Parsers and generators borrow their buffers from one shared pool. Jackson's default pool is
        // per thread, and the stream's frames are read and written on virtual threads that each live
        // for one frame or one connection, so every frame allocated fresh buffers of 8 KB or more: in a
        // profile at 1,200 group messages a second, a third of the server's allocation samples.
        JsonMapper mapper = JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build())
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
        mapper.addMixIn(PerceptualHashes.class, PerceptualHashesMixin.class);
        mapper.addMixIn(PerceptualHashes.Unavailable.class, UnavailableMixin.class);
        // "12" is not a number and 12 is not a string: wrong types are the client's bug, say so.
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** The engine's image hashes are stored as JSON; this names each kind of perceptual result. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(PerceptualHashes.Computed.class), @JsonSubTypes.Type(PerceptualHashes.Unavailable.class)})
    private interface PerceptualHashesMixin {}

    /** "kind" names the type above, so an unavailable result's own kind (why) is stored as "failure". */
    private abstract static class UnavailableMixin {

        @JsonCreator
        UnavailableMixin(@JsonProperty("failure") ImageDecodeException.Kind kind, @JsonProperty("reason") String reason) {}

        @JsonProperty("failure")
        abstract ImageDecodeException.Kind kind();
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}
