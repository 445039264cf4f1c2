package dev.handoff.classify.openai;

/** How the reply is held to the schema; a server that refuses the first gets the second. */
enum OutputMode {
    /** {@code response_format: {type: json_schema, json_schema: {strict: true, schema}}}. */
    JSON_SCHEMA("json_schema", "json_schema (strict)"),
    /** {@code response_format: {type: json_object}}, the schema written into the system message. */
    JSON_OBJECT("json_object", "json_object with the schema in the prompt (the server refused json_schema)");

    final String id;
    final String description;

    OutputMode(String id, String description) {
        this.id = id;
        this.description = description;
    }

    static OutputMode byId(String id) {
        for (OutputMode m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        return null;
    }
}
