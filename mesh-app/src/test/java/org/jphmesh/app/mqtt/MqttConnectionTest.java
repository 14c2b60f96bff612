package org.jphmesh.app.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MqttConnectionTest {

    @Test
    void the_retry_wait_doubles_from_a_second_up_to_a_minute() {
        assertThat(MqttConnection.nextRetryMillis(MqttConnection.FIRST_RETRY_MILLIS)).isEqualTo(2_000);
        assertThat(MqttConnection.nextRetryMillis(16_000)).isEqualTo(32_000);
        assertThat(MqttConnection.nextRetryMillis(40_000)).isEqualTo(MqttConnection.MAX_RETRY_MILLIS);
        assertThat(MqttConnection.nextRetryMillis(MqttConnection.MAX_RETRY_MILLIS)).isEqualTo(MqttConnection.MAX_RETRY_MILLIS);
    }
}
