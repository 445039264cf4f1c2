package dev.handoff.queue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.handoff.config.yaml.Yaml;

import java.io.IOException;

/**
 * The wire form of the queue, shared by the inbox server and every client: snake_case fields,
 * ISO-8601 instants, statuses as "pending" / "in_progress" / "resolved".
 */
public final class QueueJson {

    private static final ObjectMapper MAPPER = Yaml.json().copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .registerModule(new SimpleModule()
                    .addSerializer(Status.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Status value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                            gen.writeString(value.id());
                        }
                    })
                    .addDeserializer(Status.class, new JsonDeserializer<>() {
                        @Override
                        public Status deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                            return Status.parse(p.getValueAsString());
                        }
                    }));

    private QueueJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
