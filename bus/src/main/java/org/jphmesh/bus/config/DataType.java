package org.jphmesh.bus.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The {@code "DataType"} of a sensor entry: how its readings are stored and shown. */
public enum DataType {
    FLOAT("float"),
    INTEGER("integer"),
    BOOL("bool"),
    TEXT("text"),
    JSON("json");

    private final String key;

    DataType(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    @JsonCreator
    public static DataType fromKey(String key) {
        for (DataType type : values()) {
            if (type.key.equals(key)) {
                return type;
            }
        }
        throw new IllegalArgumentException("must be one of "
                + Arrays.stream(values()).map(DataType::key).collect(Collectors.joining(", ")) + ", not '" + key + "'");
    }
}
